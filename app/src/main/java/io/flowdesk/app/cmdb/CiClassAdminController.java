package io.flowdesk.app.cmdb;

import io.flowdesk.app.audit.AdminAction;
import io.flowdesk.domain.cmdb.AttributeType;
import io.flowdesk.domain.cmdb.CiClass;
import io.flowdesk.domain.cmdb.Cmdb;
import io.flowdesk.domain.cmdb.InvalidCiException;
import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /admin/cmdb/classes}: the CI classes, shipped and admin-defined, with their attributes; a
 * new class, and a class's changes (label, service, attributes added or changed; an attribute that
 * CIs have a value for is neither removed nor retyped, {@link Cmdb#redefineClass}). Administrators
 * only (the /admin URL rule; CMDB managers change CIs, not the schema, and the API has no class
 * writes). Refused input is shown at its field with everything typed kept; each change is one
 * {@link AdminAction} in the same transaction.
 */
@Controller
@RequestMapping("/admin/cmdb/classes")
class CiClassAdminController {

  private final Cmdb cmdb;
  private final TransactionOperations transactions;
  private final ApplicationEventPublisher events;

  CiClassAdminController(
      final Cmdb cmdb,
      final TransactionOperations transactions,
      final ApplicationEventPublisher events) {
    this.cmdb = cmdb;
    this.transactions = transactions;
    this.events = events;
  }

  @GetMapping
  String classes(final Model model) {
    model.addAttribute("classes", cmdb.classes());
    return "admin/cmdb-classes";
  }

  @GetMapping("/new")
  String newClass(final Model model) {
    return form(model, CiClassForm.blank(), true, Map.of());
  }

  @PostMapping
  String create(
      @RequestParam final MultiValueMap<String, String> post,
      final Principal admin,
      final Model model,
      final HttpServletResponse response,
      final RedirectAttributes redirect) {
    final CiClassForm typed = CiClassForm.posted(post);
    try {
      final CiClass created =
          transactions.execute(
              status -> {
                final CiClass defined = cmdb.defineClass(typed.toClass());
                events.publishEvent(
                    new AdminAction(
                        admin.getName(),
                        "cmdb.class.created",
                        target(defined),
                        Map.of(),
                        CiClassForm.audited(defined)));
                return defined;
              });
      redirect.addFlashAttribute("notice", "Class " + created.label() + " created.");
      return "redirect:/admin/cmdb/classes/" + created.name();
    } catch (InvalidCiException refused) {
      response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
      return form(model, typed.again(), true, Map.of(refused.field(), refused.reason()));
    }
  }

  @GetMapping("/{name}")
  String edit(@PathVariable final String name, final Model model) {
    return form(model, CiClassForm.of(existing(name)), false, Map.of());
  }

  @PostMapping("/{name}")
  String save(
      @PathVariable final String name,
      @RequestParam final MultiValueMap<String, String> post,
      final Principal admin,
      final Model model,
      final HttpServletResponse response,
      final RedirectAttributes redirect) {
    final CiClass before = existing(name);
    final CiClassForm typed = CiClassForm.posted(post);
    // The name is the class's key: it is what the page shows, not what a post says.
    final CiClassForm named = new CiClassForm(name, typed.label(), typed.service(), typed.rows());
    try {
      final CiClass after =
          transactions.execute(
              status -> {
                final CiClass redefined = cmdb.redefineClass(named.toClass());
                events.publishEvent(
                    new AdminAction(
                        admin.getName(),
                        "cmdb.class.changed",
                        target(redefined),
                        CiClassForm.audited(before),
                        CiClassForm.audited(redefined)));
                return redefined;
              });
      redirect.addFlashAttribute("notice", "Class " + after.label() + " saved.");
      return "redirect:/admin/cmdb/classes/" + after.name();
    } catch (InvalidCiException refused) {
      response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
      return form(model, named.again(), false, Map.of(refused.field(), refused.reason()));
    }
  }

  private CiClass existing(final String name) {
    return cmdb.ciClass(name)
        .orElseThrow(
            () -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No CI class " + name));
  }

  private String form(
      final Model model,
      final CiClassForm typed,
      final boolean creating,
      final Map<String, String> errors) {
    model.addAttribute("typed", typed);
    model.addAttribute("creating", creating);
    model.addAttribute("errors", errors);
    model.addAttribute("types", AttributeType.values());
    model.addAttribute("classes", cmdb.classes());
    return "admin/cmdb-class";
  }

  private static String target(final CiClass ciClass) {
    return "ci-class:" + ciClass.name();
  }
}
