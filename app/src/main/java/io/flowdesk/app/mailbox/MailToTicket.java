package io.flowdesk.app.mailbox;

import io.flowdesk.app.incident.CallerResponses;
import io.flowdesk.app.incident.IncidentReporting;
import io.flowdesk.app.mailbox.ReplyTargets.Target;
import io.flowdesk.connectors.mail.InboundMail;
import io.flowdesk.connectors.mail.MailAttachment;
import io.flowdesk.domain.approval.ApprovalReplyCodes;
import io.flowdesk.domain.directory.Directory;
import io.flowdesk.domain.directory.Person;
import io.flowdesk.domain.incident.ChangeSource;
import io.flowdesk.domain.incident.Incident;
import io.flowdesk.domain.incident.IncidentRecords;
import io.flowdesk.domain.incident.IncidentState;
import io.flowdesk.domain.mailbox.InboundMailEntry;
import io.flowdesk.domain.mailbox.InboundMails;
import io.flowdesk.domain.mailbox.Mailbox;
import io.flowdesk.domain.mailbox.Mailbox.MailboxKind;
import io.flowdesk.domain.record.JournalKind;
import io.flowdesk.domain.record.RecordCore;
import io.flowdesk.domain.record.RecordText;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Email-to-ticket: turns one mail read from a {@link Mailbox} into work on a record.
 *
 * <ul>
 *   <li>A reply (its token from our Message-IDs in In-Reply-To/References, else the {@code [INC…]}
 *       subject tag) from someone who may write on that record becomes a comment there, never a
 *       work note; the caller's reply to a resolved incident reopens it when the mailbox says so. A
 *       token from anyone else is not believed: the mail counts as new.
 *   <li>A new mail from a person of the directory opens an incident with them as caller (short
 *       description the subject, description the text); from an unknown address the mailbox's
 *       policy decides.
 *   <li>An answer to an approval mail keeping its reply code decides the approval ({@link
 *       ApprovalReplies}).
 *   <li>Our own mails coming back and senders over the rate limit are recorded and dropped.
 * </ul>
 *
 * <p>Exactly once: the Message-ID goes into {@link InboundMails} in the transaction that writes the
 * record, so a crash before it commits leaves the mail to be read again and a crash after it makes
 * the next poll only mark the mail. A new incident's process is not started here: its entry is
 * committed pending and {@link PendingStarts} starts it apart from the poll (its workers must find
 * the record, and the poll must not wait for the engine, one mail at a time).
 */
@Service
class MailToTicket {

  private static final Logger LOG = LoggerFactory.getLogger(MailToTicket.class);
  private static final int MAX_SHORT_DESCRIPTION = 160;

  private final IncidentReporting reporting;
  private final IncidentRecords incidents;
  private final CallerResponses callerResponses;
  private final Directory directory;
  private final ReplyTargets targets;
  private final UnknownSenders unknownSenders;
  private final OwnMail ownMail;
  private final ApprovalReplies approvalReplies;
  private final InboundMails inboundMails;
  private final PendingStarts pendingStarts;
  private final TransactionOperations transactions;
  private final int mailsPerSenderPerHour;
  private final long maxAttachmentBytes;

  MailToTicket(
      final IncidentReporting reporting,
      final IncidentRecords incidents,
      final CallerResponses callerResponses,
      final Directory directory,
      final ReplyTargets targets,
      final UnknownSenders unknownSenders,
      final OwnMail ownMail,
      final ApprovalReplies approvalReplies,
      final InboundMails inboundMails,
      final PendingStarts pendingStarts,
      final TransactionOperations transactions,
      @Value("${flowdesk.mailboxes.mails-per-sender-per-hour:20}") final int mailsPerSenderPerHour,
      @Value("${flowdesk.mailboxes.max-attachment-bytes:" + RecordCore.MAX_ATTACHMENT_BYTES + "}")
          final long maxAttachmentBytes) {
    this.reporting = reporting;
    this.incidents = incidents;
    this.callerResponses = callerResponses;
    this.directory = directory;
    this.targets = targets;
    this.unknownSenders = unknownSenders;
    this.ownMail = ownMail;
    this.approvalReplies = approvalReplies;
    this.inboundMails = inboundMails;
    this.pendingStarts = pendingStarts;
    this.transactions = transactions;
    this.mailsPerSenderPerHour = mailsPerSenderPerHour;
    this.maxAttachmentBytes = Math.min(maxAttachmentBytes, RecordCore.MAX_ATTACHMENT_BYTES);
  }

  /** A mail a person wrote. */
  void onMessage(final Mailbox mailbox, final InboundMail mail) {
    final Optional<InboundMailEntry> seen = inboundMails.find(mail.messageId());
    if (seen.isPresent()) {
      if (seen.get().pending()) {
        pendingStarts.wake();
      }
      return;
    }
    if (ownMail.isOurs(mail, mailbox)) {
      ignore(mailbox, mail, "OWN_MAIL", "a mail Flowdesk sent itself");
      return;
    }
    if (overRateLimit(mail)) {
      LOG.warn(
          "Mail {} from {} to mailbox {} ignored: more than {} mails from that address within an"
              + " hour",
          mail.messageId(),
          mail.from(),
          mailbox.name(),
          mailsPerSenderPerHour);
      ignore(
          mailbox,
          mail,
          "RATE_LIMITED",
          "more than " + mailsPerSenderPerHour + " mails from this address within an hour");
      return;
    }
    final Optional<Person> sender = sender(mail.from());
    final Optional<ApprovalReplyCodes.Claim> approval = approvalReplies.claimIn(mail);
    if (approval.isPresent()) {
      approvalReplies.decide(mailbox, mail, sender, approval.get());
      return;
    }
    String note = null;
    if (mail.token().isPresent()) {
      final Optional<Target> target = targets.find(mail.token().get());
      if (target.isPresent() && sender.isPresent() && targets.allows(target.get(), sender.get())) {
        reply(mailbox, mail, target.get(), sender.get());
        return;
      }
      if (target.isPresent()) {
        note = "names " + mail.token().get() + " but its sender may not write on it";
        LOG.warn("Mail {} from {} {}: read as a new mail", mail.messageId(), mail.from(), note);
      }
    }
    if (mailbox.kind() == MailboxKind.REQUEST) {
      unknownOrRequest(mailbox, mail, "NOT_OPENED", "requests are ordered in the portal");
      return;
    }
    if (sender.isPresent()) {
      open(mailbox, mail, sender.get(), note);
      return;
    }
    switch (mailbox.unknownSenders()) {
      case CREATE_AS_GUEST -> openAsGuest(mailbox, mail);
      case REPLY_WITH_INSTRUCTIONS ->
          unknownOrRequest(
              mailbox, mail, "UNKNOWN_SENDER", mail.from() + " is not in the directory");
      case IGNORE ->
          ignore(mailbox, mail, "UNKNOWN_SENDER", mail.from() + " is not in the directory");
      default -> throw new IllegalStateException("unknown policy " + mailbox.unknownSenders());
    }
  }

  /** An out-of-office or other machine-made answer: recorded, never work, never answered. */
  void onAutoReply(final Mailbox mailbox, final InboundMail mail) {
    ignore(mailbox, mail, "AUTO_REPLY", "an automatic answer (Auto-Submitted, Precedence, ...)");
  }

  /** A delivery failure report: recorded, never work, never answered. */
  void onBounce(final Mailbox mailbox, final InboundMail mail) {
    ignore(
        mailbox,
        mail,
        "BOUNCE",
        "a delivery failure report"
            + (mail.token().isPresent() ? " about a mail on " + mail.token().get() : ""));
  }

  private Optional<Person> sender(final String address) {
    // Guests are disabled (they cannot sign in) but are who they were on their first mail.
    return directory
        .personByEmail(address)
        .filter(person -> person.enabled() || person.username().startsWith("guest."));
  }

  private boolean overRateLimit(final InboundMail mail) {
    return inboundMails.countFrom(mail.from(), Duration.ofHours(1)) >= mailsPerSenderPerHour;
  }

  private void reply(
      final Mailbox mailbox, final InboundMail mail, final Target target, final Person sender) {
    final ChangeSource author = ChangeSource.person(sender.username());
    final boolean reopens =
        mailbox.reopenOnReply()
            && target.incident() != null
            && target.incident().state() == IncidentState.RESOLVED
            && sender.username().equals(target.incident().caller());
    transactions.executeWithoutResult(
        status -> {
          final String text = mail.text().isBlank() ? null : cut(mail.text());
          // The caller saying it is not fixed: the process reopens it; the answer's comment (or
          // ours, when that answer went out before a crash) carries the text.
          final boolean answered =
              reopens
                  && callerResponses.respond(
                      ReplyTargets.viewerOf(sender),
                      target.incident(),
                      CallerResponses.Decision.REOPEN,
                      text);
          if (!(answered && text != null)) {
            target
                .ref()
                .core()
                .addJournalEntry(
                    target.ref().id(),
                    JournalKind.COMMENT,
                    text == null ? "(a mail without text)" : text,
                    author);
          }
          attach(target.ref().core(), target.ref().id(), mail, author);
          inboundMails.record(
              mail.messageId(),
              mailbox.id(),
              mail.from(),
              mail.subject(),
              reopens ? "REOPENED" : "COMMENTED",
              target.ref().number(),
              null,
              false);
        });
    LOG.info(
        "Mail {} from {} {} {}",
        mail.messageId(),
        mail.from(),
        reopens ? "reopened" : "commented on",
        target.ref().number());
  }

  private void open(
      final Mailbox mailbox, final InboundMail mail, final Person caller, final String note) {
    final Map<String, Object> report = report(mail);
    final Incident recorded =
        transactions.execute(
            status -> {
              final Incident incident = reporting.record(caller.username(), report);
              attach(incidents.core(), incident.id(), mail, ChangeSource.person(caller.username()));
              inboundMails.record(
                  mail.messageId(),
                  mailbox.id(),
                  mail.from(),
                  mail.subject(),
                  "CREATED",
                  incident.number(),
                  note,
                  true);
              return incident;
            });
    // The process starts apart from the poll, which goes on with the next mail.
    pendingStarts.wake();
    LOG.info("Mail {} from {} opened {}", mail.messageId(), mail.from(), recorded.number());
  }

  private void openAsGuest(final Mailbox mailbox, final InboundMail mail) {
    final Person guest;
    try {
      guest = unknownSenders.guest(mail);
    } catch (IllegalArgumentException notAPersonsAddress) {
      ignore(
          mailbox, mail, "UNKNOWN_SENDER", "no guest for it: " + notAPersonsAddress.getMessage());
      return;
    }
    open(mailbox, mail, guest, "opened for guest " + guest.username());
  }

  private void unknownOrRequest(
      final Mailbox mailbox, final InboundMail mail, final String outcome, final String why) {
    // Recorded first: should the answer fail, the mail is not answered twice.
    ignore(mailbox, mail, outcome, why + "; answered with instructions");
    if (!unknownSenders.answer(mail, mailbox)) {
      LOG.warn("Mail {} from {} not answered: no mail server", mail.messageId(), mail.from());
    }
  }

  private void attach(
      final RecordCore core,
      final long recordId,
      final InboundMail mail,
      final ChangeSource author) {
    final List<String> dropped = new ArrayList<>();
    for (final MailAttachment attachment : mail.attachments()) {
      if (attachment.size() > maxAttachmentBytes) {
        dropped.add(attachment.name() + " (" + attachment.size() + " bytes)");
        continue;
      }
      core.attach(
          recordId,
          attachment.name(),
          attachment.contentType(),
          new ByteArrayInputStream(attachment.content()),
          author);
    }
    if (!dropped.isEmpty()) {
      core.addJournalEntry(
          recordId,
          JournalKind.COMMENT,
          "Not attached, larger than "
              + maxAttachmentBytes
              + " bytes: "
              + String.join(", ", dropped)
              + ". Please send it another way.",
          author);
    }
  }

  private void ignore(
      final Mailbox mailbox, final InboundMail mail, final String outcome, final String why) {
    inboundMails.record(
        mail.messageId(), mailbox.id(), mail.from(), mail.subject(), outcome, null, why, false);
  }

  private static Map<String, Object> report(final InboundMail mail) {
    final Map<String, Object> report = new LinkedHashMap<>();
    final String subject = mail.subject().strip();
    report.put(
        "shortDescription",
        subject.isEmpty()
            ? "(mail without subject)"
            : subject.length() > MAX_SHORT_DESCRIPTION
                ? subject.substring(0, MAX_SHORT_DESCRIPTION - 1) + "…"
                : subject);
    report.put("description", mail.fullText().isBlank() ? null : cut(mail.fullText()));
    report.put("category", "other");
    report.put("impact", "medium");
    report.put("urgency", "medium");
    report.put("channel", "email");
    return report;
  }

  private static String cut(final String text) {
    final String stripped = text.strip();
    return stripped.length() > RecordText.LONG_TEXT
        ? stripped.substring(0, RecordText.LONG_TEXT - 1) + "…"
        : stripped;
  }
}
