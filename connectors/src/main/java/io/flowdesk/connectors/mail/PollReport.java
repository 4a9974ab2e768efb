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
 * @param failures mails left in the mailbox, for the next poll or set aside, with why
 */
public record PollReport(
    int messages, int autoReplies, int bounces, int duplicates, List<Failure> failures) {

  public PollReport {
    failures = List.copyOf(failures);
  }

  /**
   * A mail the handler (or reading it) failed on.
   *
   * @param setAside true for a mail that could not be read: it was flagged {@link
   *     MailboxPoller#FAILED_KEYWORD} and later polls skip it; false when it comes again next poll
   */
  public record Failure(String messageId, String subject, Exception cause, boolean setAside) {}
}
