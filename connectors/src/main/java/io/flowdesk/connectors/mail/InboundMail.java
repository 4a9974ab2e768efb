package io.flowdesk.connectors.mail;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One mail read from a mailbox, normalised.
 *
 * @param messageId its Message-ID; for the rare mail without one, a stable id derived from its
 *     sender, date, subject and body, so that duplicates are still recognised
 * @param from the sender's address ({@code ""} when the mail names none)
 * @param fromName the sender's display name, or {@code null}
 * @param text what the sender wrote now: the body as text (HTML converted) with the quoted earlier
 *     conversation removed, see {@link QuotedReplyStripper}
 * @param fullText the whole body as text, quotes included
 * @param token the record token from our Message-IDs in In-Reply-To/References, or from a {@code
 *     [TOKEN]} subject tag; for a bounce, from the bounced mail
 * @param bouncedMessageId for a {@link InboundMailKind#BOUNCE}, the Message-ID of the mail that
 *     could not be delivered when the report quotes it, else {@code null}
 * @param sentAt the Date header, or {@code null}
 */
public record InboundMail(
    InboundMailKind kind,
    String messageId,
    String from,
    String fromName,
    List<String> to,
    List<String> cc,
    List<String> replyTo,
    String subject,
    String text,
    String fullText,
    List<MailAttachment> attachments,
    String inReplyTo,
    List<String> references,
    Optional<String> token,
    String bouncedMessageId,
    Instant sentAt) {

  public InboundMail {
    to = List.copyOf(to);
    cc = List.copyOf(cc);
    replyTo = List.copyOf(replyTo);
    attachments = List.copyOf(attachments);
    references = List.copyOf(references);
  }
}
