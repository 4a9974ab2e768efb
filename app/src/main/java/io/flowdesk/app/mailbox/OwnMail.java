package io.flowdesk.app.mailbox;

import io.flowdesk.connectors.mail.InboundMail;
import io.flowdesk.connectors.mail.MailSender;
import io.flowdesk.domain.mailbox.Mailbox;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Recognises mail Flowdesk sent itself coming back (a notification to the service desk's own
 * address, a mailbox forwarding to another): never work, never answered, or mail would loop.
 */
@Component
class OwnMail {

  private final ObjectProvider<MailSender> sender;

  OwnMail(final ObjectProvider<MailSender> sender) {
    this.sender = sender;
  }

  boolean isOurs(final InboundMail mail, final Mailbox mailbox) {
    final String from = mail.from().toLowerCase(Locale.ROOT);
    if (from.equals(mailbox.address().toLowerCase(Locale.ROOT))) {
      return true;
    }
    final Optional<MailSender> ours = Optional.ofNullable(sender.getIfUnique());
    if (ours.isEmpty()) {
      return false;
    }
    if (from.equals(ours.get().fromAddress().toLowerCase(Locale.ROOT))) {
      return true;
    }
    // Our Message-IDs: <uuid@domain> or <TOKEN.uuid@domain> (MailWatermark).
    return Pattern.compile(
            "<([A-Z]{2,10}[0-9]{3,12}\\.)?[0-9a-f-]{36}@"
                + Pattern.quote(ours.get().messageIdDomain())
                + ">",
            Pattern.CASE_INSENSITIVE)
        .matcher(mail.messageId())
        .matches();
  }
}
