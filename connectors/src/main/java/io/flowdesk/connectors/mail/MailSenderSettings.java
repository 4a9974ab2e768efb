package io.flowdesk.connectors.mail;

import jakarta.mail.internet.InternetAddress;
import java.util.Objects;

/**
 * What {@link MailSender} needs: the SMTP server, the sender address and the domain of our
 * Message-IDs.
 *
 * @param from the From address, optionally with a display name ({@code Service Desk
 *     <desk@example.com>})
 * @param messageIdDomain the right-hand side of the Message-IDs we create, see {@link
 *     MailWatermark}
 */
public record MailSenderSettings(MailServer server, String from, String messageIdDomain) {

  public MailSenderSettings {
    Objects.requireNonNull(server, "server");
    MailAddresses.parse(from, "from");
    new MailWatermark(messageIdDomain);
  }

  InternetAddress fromAddress() {
    return MailAddresses.parse(from, "from");
  }
}
