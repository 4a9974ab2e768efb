package io.flowdesk.connectors.mail;

import java.util.List;

/**
 * A mail the SMTP server accepted.
 *
 * @param messageId the Message-ID we gave it; replies quote it in In-Reply-To
 * @param subject the subject as sent, with the token tag
 * @param recipients every to, cc and bcc address
 */
public record SentMail(String messageId, String subject, List<String> recipients) {

  public SentMail {
    recipients = List.copyOf(recipients);
  }
}
