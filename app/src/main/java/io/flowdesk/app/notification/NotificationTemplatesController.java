package io.flowdesk.app.notification;

import io.flowdesk.app.audit.AdminAction;
import io.flowdesk.connectors.mail.MailHtml;
import io.flowdesk.domain.notification.NotificationEvent;
import io.flowdesk.domain.notification.NotificationTemplate;
import io.flowdesk.domain.notification.NotificationTemplates;
import io.flowdesk.domain.notification.RenderedNotification;
import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The admins' "Notifications" page: every event's template (subject, text and HTML parts), edited
 * in the browser with the event's variables listed. One form, three buttons: save (bad input named
 * at its field, nothing saved; the change in the admin audit trail), preview (the form's texts with
 * sample values, HTML sanitised, nothing saved) and test send (the same, mailed to the admin).
 */
@Controller
@RequestMapping("/admin/notifications")
class NotificationTemplatesController {

  private static final String VIEW = "admin/notification";

  private final NotificationTemplates templates;
  private final TestNotificationMail testMail;
  private final TransactionOperations transactions;
  private final ApplicationEventPublisher events;

  NotificationTemplatesController(
      final NotificationTemplates templates,
      final TestNotificationMail testMail,
      final TransactionOperations transactions,
      final ApplicationEventPublisher events) {
    this.templates = templates;
    this.testMail = testMail;
    this.transactions = transactions;
    this.events = events;
  }

  @GetMapping
  String list(final Model model) {
    model.addAttribute("templates", templates.all());
    return "admin/notifications";
  }

  @GetMapping("/{key}")
  String edit(@PathVariable final String key, final Model model) {
    return page(model, templates.of(event(key)), Map.of(), null);
  }

  @PostMapping("/{key}")
  String submit(
      final Principal admin,
      @PathVariable final String key,
      @RequestParam(defaultValue = "") final String subject,
      @RequestParam(defaultValue = "") final String text,
      @RequestParam(defaultValue = "") final String html,
      @RequestParam(defaultValue = "save") final String action,
      final Model model,
      final RedirectAttributes redirect,
      final HttpServletResponse response) {
    final NotificationTemplate stored = templates.of(event(key));
    final NotificationTemplate draft = stored.with(subject, text, html);
    final Map<String, String> errors = NotificationTemplates.problems(draft);
    if (!errors.isEmpty()) {
      response.setStatus(HttpStatus.BAD_REQUEST.value());
      return page(model, draft, errors, null);
    }
    switch (action) {
      case "preview" -> {
        return page(model, draft, errors, preview(draft));
      }
      case "test" -> {
        try {
          model.addAttribute(
              "notice",
              "Test mail sent to " + testMail.send(admin.getName(), preview(draft)) + ".");
        } catch (TestNotificationMail.Refused refused) {
          response.setStatus(HttpStatus.CONFLICT.value());
          model.addAttribute("testError", refused.getMessage());
        }
        return page(model, draft, errors, preview(draft));
      }
      case "save" -> {
        transactions.executeWithoutResult(
            status -> {
              templates.save(draft);
              events.publishEvent(
                  new AdminAction(
                      admin.getName(),
                      "notification-template.changed",
                      "notification-template:" + draft.event().key(),
                      audited(stored),
                      audited(draft)));
            });
        redirect.addFlashAttribute("notice", draft.event().label() + " template saved.");
        return "redirect:/admin/notifications/" + draft.event().key();
      }
      default ->
          throw new ResponseStatusException(
              HttpStatus.BAD_REQUEST, "action must be save, preview or test, was " + action);
    }
  }

  /** The draft with sample values; its HTML part sanitised as the notifier sends it. */
  private static RenderedNotification preview(final NotificationTemplate draft) {
    final RenderedNotification rendered =
        NotificationTemplates.render(draft, NotificationTemplates.sampleValues(draft.event()));
    return new RenderedNotification(
        rendered.subject(),
        rendered.text(),
        rendered.html() == null ? null : MailHtml.sanitised(rendered.html()));
  }

  private String page(
      final Model model,
      final NotificationTemplate template,
      final Map<String, String> errors,
      final RenderedNotification preview) {
    model.addAttribute("template", template);
    model.addAttribute("event", template.event());
    model.addAttribute("samples", NotificationTemplates.sampleValues(template.event()));
    model.addAttribute("errors", errors);
    model.addAttribute("preview", preview);
    return VIEW;
  }

  private static Map<String, Object> audited(final NotificationTemplate template) {
    return Map.of(
        "subject", template.subject(),
        "text", template.text(),
        "html", template.html() == null ? "" : template.html());
  }

  private static NotificationEvent event(final String key) {
    return NotificationEvent.byKey(key)
        .orElseThrow(
            () ->
                new ResponseStatusException(
                    HttpStatus.NOT_FOUND, "no notification event '" + key + "'"));
  }
}
