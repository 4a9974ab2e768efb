package io.flowdesk.app.mail;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Conditional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The dev outbox: what the local mail server received. Exists only while that server runs.
 *
 * <p>A mail's HTML is untrusted (a process may put anything a user typed into it), so it is shown
 * only as escaped source and inside a sandboxed {@code srcdoc} frame, which has an opaque origin
 * and no scripts; the page's Content-Security-Policy, which the frame inherits, keeps it from
 * loading anything from elsewhere.
 */
@Controller
@Conditional(LocalMailServerCondition.class)
@RequestMapping("/admin/outbox")
class OutboxController {

  static final String MAIL_POLICY =
      "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:;"
          + " form-action 'self'; frame-ancestors 'self'; base-uri 'none'";

  private final LocalMailServer server;

  OutboxController(final LocalMailServer server) {
    this.server = server;
  }

  @GetMapping
  String outbox(final Model model) {
    model.addAttribute("server", server);
    model.addAttribute("mails", server.received());
    return "admin/outbox";
  }

  @GetMapping("/{id}")
  String mail(
      @PathVariable final String id, final Model model, final HttpServletResponse response) {
    final OutboxMail mail =
        server
            .find(id)
            .orElseThrow(
                () ->
                    new ResponseStatusException(
                        HttpStatus.NOT_FOUND, "no mail " + id + " in the local outbox"));
    response.setHeader("Content-Security-Policy", MAIL_POLICY);
    model.addAttribute("mail", mail);
    return "admin/outbox-mail";
  }

  @PostMapping("/clear")
  String clear(final RedirectAttributes redirect) {
    server.clear();
    redirect.addFlashAttribute("notice", "The outbox is empty.");
    return "redirect:/admin/outbox";
  }
}
