package io.flowdesk.connectors.mail;

import java.util.Objects;

/**
 * The mailbox {@link MailboxPoller} reads.
 *
 * @param folder the folder polled, usually {@code INBOX}
 * @param processedFolder where processed mails are moved (copied, flagged deleted, and expunged
 *     when the poll closes the folder, which also expunges anything else flagged deleted there), or
 *     {@code null} to leave them in place, recognised by the {@code $FlowdeskProcessed} keyword
 * @param maxMailsPerPoll upper bound of mails read in one poll, so one poll stays short
 * @param messageIdDomain the domain of our own Message-IDs, to find record tokens in replies
 */
public record MailboxSettings(
    MailServer server,
    String folder,
    String processedFolder,
    int maxMailsPerPoll,
    String messageIdDomain) {

  public MailboxSettings {
    Objects.requireNonNull(server, "server");
    if (folder == null || folder.isBlank()) {
      throw new IllegalArgumentException("mailbox folder is missing");
    }
    if (folder.equals(processedFolder)) {
      throw new IllegalArgumentException(
          "processed folder must differ from the polled folder '" + folder + "'");
    }
    if (maxMailsPerPoll < 1) {
      throw new IllegalArgumentException("maxMailsPerPoll must be at least 1");
    }
    new MailWatermark(messageIdDomain);
  }

  /** Polls INBOX, leaves mails in place, at most 50 per poll. */
  public static MailboxSettings inbox(final MailServer server, final String messageIdDomain) {
    return new MailboxSettings(server, "INBOX", null, 50, messageIdDomain);
  }

  public MailboxSettings withProcessedFolder(final String processedFolder) {
    return new MailboxSettings(server, folder, processedFolder, maxMailsPerPoll, messageIdDomain);
  }
}
