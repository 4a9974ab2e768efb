package io.flowdesk.connectors.mail;

import java.util.List;

/**
 * What one {@link MailboxPoller#poll} did.
 *
 * @param messages mails handed to {@link InboundMailHandler#onMessage} that returned
 * @param autoReplies auto-replies acknowledged
 * @param bounces bounces acknowledged
 * @param duplicates mails whose Message-ID {@link ProcessedMailIds} already knew; flagged, not
 *     handled again
 * @param failures mails left in the mailbox for the next poll, with why
 */
public record PollReport(
    int messages, int autoReplies, int bounces, int duplicates, List<Failure> failures) {

  public PollReport {
    failures = List.copyOf(failures);
  }

  /** A mail the handler (or reading it) failed on. */
  public record Failure(String messageId, String subject, Exception cause) {}
}
