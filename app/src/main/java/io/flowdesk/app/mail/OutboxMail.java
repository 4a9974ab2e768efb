package io.flowdesk.app.mail;

import java.time.Instant;
import java.util.List;

/**
 * One mail the local mail server received, as the outbox shows it.
 *
 * @param id a short, stable id derived from the Message-ID, for links
 * @param deliveredTo the mailboxes it was delivered to (envelope recipients, including Bcc)
 * @param text the text/plain body, or null
 * @param html the text/html body, or null; untrusted markup, never to be rendered in our origin
 * @param attachments file names of the attachments
 */
public record OutboxMail(
    String id,
    String messageId,
    Instant receivedAt,
    String from,
    List<String> to,
    List<String> cc,
    List<String> deliveredTo,
    String subject,
    String text,
    String html,
    List<String> attachments) {}
