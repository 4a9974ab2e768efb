package io.flowdesk.connectors.mail;

import java.util.ArrayList;
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

  /** How many mails the poll read, whatever became of them. */
  public int read() {
    return messages + autoReplies + bounces + duplicates + failures.size();
  }

  /** Whether a mail stays for the next poll because its handler failed (not set aside). */
  public boolean leftMailBehind() {
    return failures.stream().anyMatch(failure -> !failure.setAside());
  }

  /** This poll's counts and failures together with a later poll's. */
  public PollReport plus(final PollReport later) {
    final List<Failure> all = new ArrayList<>(failures);
    all.addAll(later.failures());
    return new PollReport(
        messages + later.messages(),
        autoReplies + later.autoReplies(),
        bounces + later.bounces(),
        duplicates + later.duplicates(),
        all);
  }

  /**
   * A mail the handler (or reading it) failed on.
   *
   * @param setAside true for a mail that could not be read: it was flagged {@link
   *     MailboxPoller#FAILED_KEYWORD} and later polls skip it; false when it comes again next poll
   */
  public record Failure(String messageId, String subject, Exception cause, boolean setAside) {}
}
