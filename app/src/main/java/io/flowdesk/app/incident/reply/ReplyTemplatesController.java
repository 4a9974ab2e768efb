package io.flowdesk.app.incident.reply;

import io.flowdesk.app.audit.AdminAction;
import java.security.Principal;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Admin page "Reply templates": list, add and delete (each in the admin audit trail). */
@Controller
@RequestMapping("/admin/reply-templates")
class ReplyTemplatesController {

  private final ReplyTemplates templates;
  private final ApplicationEventPublisher events;

  ReplyTemplatesController(final ReplyTemplates templates, final ApplicationEventPublisher events) {
    this.templates = templates;
    this.events = events;
  }

  @GetMapping
  String list(final Model model) {
    model.addAttribute("templates", templates.all());
    if (!model.containsAttribute("errors")) {
      model.addAttribute("errors", Map.of());
      model.addAttribute("title", "");
      model.addAttribute("body", "");
    }
    return "admin/reply-templates";
  }

  @PostMapping
  @Transactional
  String add(
      final Principal admin,
      @RequestParam(defaultValue = "") final String title,
      @RequestParam(defaultValue = "") final String body,
      final RedirectAttributes redirect) {
    final Map<String, String> problems = templates.add(title, body);
    if (problems.isEmpty()) {
      events.publishEvent(
          new AdminAction(
              admin.getName(),
              "reply-template.created",
              "reply-template:" + title.strip(),
              Map.of(),
              Map.of("title", title.strip())));
      redirect.addFlashAttribute("notice", "Template " + title.strip() + " added.");
    } else {
      redirect.addFlashAttribute("errors", problems);
      redirect.addFlashAttribute("title", title);
      redirect.addFlashAttribute("body", body);
    }
    return "redirect:/admin/reply-templates";
  }

  @PostMapping("/{id}/delete")
  @Transactional
  String delete(
      final Principal admin, @PathVariable final long id, final RedirectAttributes redirect) {
    final String title = templates.delete(id);
    if (title != null) {
      events.publishEvent(
          new AdminAction(
              admin.getName(),
              "reply-template.deleted",
              "reply-template:" + title,
              Map.of("title", title),
              Map.of()));
      redirect.addFlashAttribute("notice", "Template " + title + " deleted.");
    }
    return "redirect:/admin/reply-templates";
  }
}
