package io.flowdesk.app.mailbox;

import io.flowdesk.app.approval.ApprovalDesk;
import io.flowdesk.connectors.mail.InboundMail;
import io.flowdesk.domain.approval.Approval;
import io.flowdesk.domain.approval.ApprovalReplyCodes;
import io.flowdesk.domain.approval.ApprovalReplyCodes.Claim;
import io.flowdesk.domain.directory.Person;
import io.flowdesk.domain.mailbox.InboundMails;
import io.flowdesk.domain.mailbox.Mailbox;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Approvals decided by answering the approval mail: the answer keeps the mail's reply code ({@link
 * ApprovalReplyCodes}) and starts with "approve" or "reject" (then the comment). The code must have
 * been issued to the sender, and the approval must still wait for them; otherwise the mail is
 * refused and recorded, never answered (an answer could start a mail loop).
 */
@Component
class ApprovalReplies {

  private static final Logger LOG = LoggerFactory.getLogger(ApprovalReplies.class);
  private static final Map<String, String> WORDS =
      Map.of("approve", "approve", "approved", "approve", "reject", "reject", "rejected", "reject");

  private final ApprovalReplyCodes codes;
  private final ApprovalDesk desk;
  private final InboundMails inboundMails;
  private final TransactionOperations transactions;

  ApprovalReplies(
      final ApprovalReplyCodes codes,
      final ApprovalDesk desk,
      final InboundMails inboundMails,
      final TransactionOperations transactions) {
    this.codes = codes;
    this.desk = desk;
    this.inboundMails = inboundMails;
    this.transactions = transactions;
  }

  /** The reply code in the mail, quoted text included. */
  Optional<Claim> claimIn(final InboundMail mail) {
    return codes.find(mail.fullText());
  }

  /** Decides the claimed approval, or records why not. */
  void decide(
      final Mailbox mailbox,
      final InboundMail mail,
      final Optional<Person> sender,
      final Claim claim) {
    if (sender.isEmpty() || !codes.issuedTo(claim, sender.get().username())) {
      refuse(mailbox, mail, claim, "the reply code was not issued to " + mail.from());
      return;
    }
    final String text = mail.text().strip();
    final String[] words = text.split("\\s+", 2);
    final String decision =
        WORDS.get(words[0].replaceAll("[^\\p{L}]", "").toLowerCase(Locale.ROOT));
    if (decision == null) {
      refuse(mailbox, mail, claim, "the answer does not start with approve or reject");
      return;
    }
    final String comment = words.length > 1 ? words[1].strip() : null;
    try {
      transactions.executeWithoutResult(
          status -> {
            final Approval decided =
                desk.decide(
                    ReplyTargets.viewerOf(sender.get()),
                    claim.approvalId(),
                    decision,
                    comment,
                    null);
            inboundMails.record(
                mail.messageId(),
                mailbox.id(),
                mail.from(),
                mail.subject(),
                "APPROVAL_DECIDED",
                decided.recordNumber(),
                decision + " on approval " + claim.approvalId(),
                false);
          });
      LOG.info(
          "Approval {} decided by mail: {} by {}",
          claim.approvalId(),
          decision,
          sender.get().username());
    } catch (RuntimeException refused) {
      // Decided already (a replay), not theirs any more, a rejection without reason, ...
      refuse(mailbox, mail, claim, refused.getMessage());
    }
  }

  private void refuse(
      final Mailbox mailbox, final InboundMail mail, final Claim claim, final String why) {
    LOG.warn(
        "Mail {} from {} did not decide approval {}: {}",
        mail.messageId(),
        mail.from(),
        claim.approvalId(),
        why);
    inboundMails.record(
        mail.messageId(),
        mailbox.id(),
        mail.from(),
        mail.subject(),
        "APPROVAL_REFUSED",
        null,
        "approval " + claim.approvalId() + ": " + why,
        false);
  }
}
