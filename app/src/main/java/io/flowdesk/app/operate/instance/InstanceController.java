package io.flowdesk.app.operate.instance;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A process instance's page in the operations console, and the repairs posted from it. A refused
 * repair shows the page again with the reason beside its form (400 for bad input, the engine's
 * status for its refusals); a done one redirects back with a notice.
 */
@Controller
@RequestMapping("/operate/instances/{key}")
class InstanceController {

  private final InstanceInspector inspector;
  private final InstanceRepairs repairs;

  InstanceController(final InstanceInspector inspector, final InstanceRepairs repairs) {
    this.inspector = inspector;
    this.repairs = repairs;
  }

  @GetMapping
  String show(@PathVariable final long key, final Model model) {
    model.addAttribute("page", inspector.page(key).orElseThrow(() -> notFound(key)));
    return "operate/instance";
  }

  @PostMapping("/variables")
  String setVariable(
      @PathVariable final long key,
      @RequestParam final long scopeKey,
      @RequestParam final String name,
      @RequestParam final String value,
      final Model model,
      final HttpServletResponse response,
      final RedirectAttributes redirect) {
    model.addAttribute("typedScope", scopeKey);
    model.addAttribute("typedName", name);
    model.addAttribute("typedValue", value);
    return repair(
        key,
        () -> repairs.setVariable(key, scopeKey, name, value),
        "Variable " + name + " set.",
        model,
        response,
        redirect);
  }

  @PostMapping("/incidents/{incidentKey}/retry")
  String retry(
      @PathVariable final long key,
      @PathVariable final long incidentKey,
      final Model model,
      final HttpServletResponse response,
      final RedirectAttributes redirect) {
    return repair(
        key,
        () -> repairs.retry(key, incidentKey),
        "Incident " + incidentKey + " retried.",
        model,
        response,
        redirect);
  }

  @PostMapping("/incidents/{incidentKey}/resolve")
  String resolve(
      @PathVariable final long key,
      @PathVariable final long incidentKey,
      final Model model,
      final HttpServletResponse response,
      final RedirectAttributes redirect) {
    return repair(
        key,
        () -> repairs.resolve(key, incidentKey),
        "Incident " + incidentKey + " resolved.",
        model,
        response,
        redirect);
  }

  @PostMapping("/cancel")
  String cancel(
      @PathVariable final long key,
      @RequestParam(defaultValue = "false") final boolean confirmed,
      final Model model,
      final HttpServletResponse response,
      final RedirectAttributes redirect) {
    return repair(
        key,
        () -> {
          if (!confirmed) {
            throw new RepairRefusedException(
                "cancel",
                HttpStatus.BAD_REQUEST,
                "Tick the confirmation to cancel the instance: a canceled instance cannot go on.");
          }
          repairs.cancel(key);
        },
        "Instance " + key + " canceled.",
        model,
        response,
        redirect);
  }

  @PostMapping("/modify")
  String modify(
      @PathVariable final long key,
      @RequestParam(required = false) final Long terminateKey,
      @RequestParam(defaultValue = "") final String activateElementId,
      @RequestParam(defaultValue = "") final String variables,
      final Model model,
      final HttpServletResponse response,
      final RedirectAttributes redirect) {
    model.addAttribute("typedTerminate", terminateKey);
    model.addAttribute("typedActivate", activateElementId);
    model.addAttribute("typedVariables", variables);
    return repair(
        key,
        () -> repairs.modify(key, terminateKey, activateElementId, variables),
        "Instance " + key + " modified.",
        model,
        response,
        redirect);
  }

  private String repair(
      final long key,
      final Runnable repair,
      final String notice,
      final Model model,
      final HttpServletResponse response,
      final RedirectAttributes redirect) {
    if (inspector.instance(key).isEmpty()) {
      throw notFound(key);
    }
    try {
      repair.run();
    } catch (RepairRefusedException e) {
      response.setStatus(e.status().value());
      model.addAttribute("refusedForm", e.form());
      model.addAttribute("refusal", e.getMessage());
      return show(key, model);
    }
    redirect.addFlashAttribute("notice", notice);
    return "redirect:/operate/instances/" + key;
  }

  private static ResponseStatusException notFound(final long key) {
    return new ResponseStatusException(HttpStatus.NOT_FOUND, "no process instance " + key);
  }
}
