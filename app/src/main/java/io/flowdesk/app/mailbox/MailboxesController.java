package io.flowdesk.app.mailbox;

import io.flowdesk.app.audit.AdminAction;
import io.flowdesk.connectors.mail.PollReport;
import io.flowdesk.domain.mailbox.InboundMails;
import io.flowdesk.domain.mailbox.Mailbox;
import io.flowdesk.domain.mailbox.Mailbox.MailboxKind;
import io.flowdesk.domain.mailbox.Mailbox.UnknownSenders;
import io.flowdesk.domain.mailbox.MailboxDraft;
import io.flowdesk.domain.mailbox.Mailboxes;
import io.flowdesk.domain.secret.SecretBinding;
import io.flowdesk.domain.secret.SecretStore;
import io.flowdesk.workers.mail.EmailWorker;
import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 * {@code /admin/mailboxes}: the mailboxes email-to-ticket reads, the last mails read from each and
 * what became of them, the mails set aside as unreadable; adding or replacing one (its password
 * goes into the {@link SecretStore} as {@code mailbox.<name>}, bound to the email connector and the
 * mailbox's {@code imap://host:port}, and is never shown again), reading one now, deleting one.
 */
@Controller
@RequestMapping("/admin/mailboxes")
class MailboxesController {

  private static final Logger LOG = LoggerFactory.getLogger(MailboxesController.class);
  private static final String VIEW = "admin/mailboxes";
  private static final int SHOWN = 20;

  private final Mailboxes mailboxes;
  private final InboundMails inboundMails;
  private final MailboxPolling polling;
  private final SecretStore secrets;
  private final TransactionOperations transactions;
  private final ApplicationEventPublisher events;

  MailboxesController(
      final Mailboxes mailboxes,
      final InboundMails inboundMails,
      final MailboxPolling polling,
      final SecretStore secrets,
      final TransactionOperations transactions,
      final ApplicationEventPublisher events) {
    this.mailboxes = mailboxes;
    this.inboundMails = inboundMails;
    this.polling = polling;
    this.secrets = secrets;
    this.transactions = transactions;
    this.events = events;
  }

  /** What the form was given, typed values kept after an error (never the password). */
  record Typed(
      String name,
      String address,
      String host,
      String port,
      String security,
      String username,
      String folder,
      String processedFolder,
      String kind,
      String unknownSenders,
      boolean reopenOnReply,
      boolean enabled) {

    static Typed empty() {
      return new Typed(
          "",
          "",
          "",
          "993",
          "TLS",
          "",
          "INBOX",
          "Processed",
          "INCIDENT",
          "REPLY_WITH_INSTRUCTIONS",
          true,
          true);
    }
  }

  /** A mailbox with what the page shows of it. */
  record Shown(Mailbox mailbox, List<?> mails, List<?> failures) {}

  @GetMapping
  String page(final Model model) {
    return page(model, Typed.empty());
  }

  @PostMapping
  String save(
      final Principal admin,
      @RequestParam(defaultValue = "") final String name,
      @RequestParam(defaultValue = "") final String address,
      @RequestParam(defaultValue = "") final String host,
      @RequestParam(defaultValue = "") final String port,
      @RequestParam(defaultValue = "TLS") final String security,
      @RequestParam(defaultValue = "") final String username,
      @RequestParam(defaultValue = "") final String password,
      @RequestParam(defaultValue = "INBOX") final String folder,
      @RequestParam(defaultValue = "") final String processedFolder,
      @RequestParam(defaultValue = "INCIDENT") final String kind,
      @RequestParam(defaultValue = "REPLY_WITH_INSTRUCTIONS") final String unknownSenders,
      @RequestParam(defaultValue = "false") final boolean reopenOnReply,
      @RequestParam(defaultValue = "false") final boolean enabled,
      final Model model,
      final RedirectAttributes redirect,
      final HttpServletResponse response) {
    final String trimmed = name.strip().toLowerCase(Locale.ROOT);
    final Typed typed =
        new Typed(
            name,
            address,
            host,
            port,
            security,
            username,
            folder,
            processedFolder,
            kind,
            unknownSenders,
            reopenOnReply,
            enabled);
    final char[] chars = password.toCharArray();
    try {
      final int portNumber = number("port", port);
      final Mailbox saved =
          transactions.execute(
              status -> {
                final Optional<Mailbox> before = mailboxes.findByName(trimmed);
                String secret = before.map(Mailbox::passwordSecret).orElse(null);
                if (chars.length > 0) {
                  secret = "mailbox." + trimmed;
                  secrets.put(
                      secret,
                      chars,
                      SecretBinding.of(
                          List.of(EmailWorker.CHANNEL),
                          List.of("imap://" + host.strip() + ":" + portNumber)));
                }
                final Mailbox after =
                    mailboxes.save(
                        new MailboxDraft(
                            trimmed,
                            address,
                            host,
                            portNumber,
                            security,
                            username,
                            secret,
                            folder,
                            processedFolder,
                            choice("kind", MailboxKind.class, kind),
                            choice("unknownSenders", UnknownSenders.class, unknownSenders),
                            reopenOnReply,
                            enabled));
                events.publishEvent(
                    new AdminAction(
                        admin.getName(),
                        "mailbox.saved",
                        "mailbox:" + trimmed,
                        before.map(MailboxesController::fields).orElse(Map.of()),
                        fields(after)));
                return after;
              });
      LOG.info("Mailbox '{}' saved through the admin page", saved.name());
      redirect.addFlashAttribute("notice", "Mailbox '" + saved.name() + "' saved.");
      return "redirect:/admin/mailboxes";
    } catch (IllegalArgumentException e) {
      response.setStatus(HttpStatus.BAD_REQUEST.value());
      model.addAttribute("error", e.getMessage());
      return page(model, typed);
    } finally {
      Arrays.fill(chars, '\0');
    }
  }

  @PostMapping("/{id}/poll")
  String poll(@PathVariable final long id, final RedirectAttributes redirect) {
    final Mailbox mailbox = existing(id);
    final Optional<PollReport> report = polling.poll(mailbox);
    redirect.addFlashAttribute(
        report.isPresent() ? "notice" : "error",
        report
            .map(
                r ->
                    "Mailbox '"
                        + mailbox.name()
                        + "' read: "
                        + r.messages()
                        + " mails, "
                        + (r.autoReplies() + r.bounces())
                        + " automatic answers and bounces, "
                        + r.failures().size()
                        + " failures.")
            .orElse("Mailbox '" + mailbox.name() + "' could not be read; see its last error."));
    return "redirect:/admin/mailboxes";
  }

  @PostMapping("/{id}/delete")
  String delete(
      final Principal admin, @PathVariable final long id, final RedirectAttributes redirect) {
    final Mailbox mailbox = existing(id);
    transactions.executeWithoutResult(
        status -> {
          mailboxes.delete(id);
          events.publishEvent(
              new AdminAction(
                  admin.getName(),
                  "mailbox.deleted",
                  "mailbox:" + mailbox.name(),
                  fields(mailbox),
                  Map.of()));
        });
    redirect.addFlashAttribute("notice", "Mailbox '" + mailbox.name() + "' deleted.");
    return "redirect:/admin/mailboxes";
  }

  private Mailbox existing(final long id) {
    return mailboxes
        .find(id)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No mailbox " + id));
  }

  private String page(final Model model, final Typed typed) {
    model.addAttribute(
        "mailboxes",
        mailboxes.list().stream()
            .map(
                m ->
                    new Shown(
                        m,
                        inboundMails.recent(m.id(), SHOWN),
                        inboundMails.failures(m.id(), SHOWN)))
            .toList());
    model.addAttribute("typed", typed);
    model.addAttribute("kinds", MailboxKind.values());
    model.addAttribute("policies", UnknownSenders.values());
    return VIEW;
  }

  private static int number(final String field, final String text) {
    try {
      return Integer.parseInt(text.strip());
    } catch (NumberFormatException notANumber) {
      throw new IllegalArgumentException(field + " '" + text + "' is not a number");
    }
  }

  private static <E extends Enum<E>> E choice(
      final String field, final Class<E> type, final String text) {
    try {
      return Enum.valueOf(type, text.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException unknown) {
      throw new IllegalArgumentException(
          field + " must be one of " + Arrays.toString(type.getEnumConstants()));
    }
  }

  /** What the audit trail records of a mailbox (the secret only by name). */
  private static Map<String, Object> fields(final Mailbox mailbox) {
    final Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("address", mailbox.address());
    fields.put("server", mailbox.host() + ":" + mailbox.port() + " " + mailbox.security());
    fields.put("username", mailbox.username());
    fields.put("folder", mailbox.folder());
    fields.put("processedFolder", String.valueOf(mailbox.processedFolder()));
    fields.put("kind", mailbox.kind().name());
    fields.put("unknownSenders", mailbox.unknownSenders().name());
    fields.put("reopenOnReply", mailbox.reopenOnReply());
    fields.put("enabled", mailbox.enabled());
    return fields;
  }
}
