package io.flowdesk.domain.mailbox;

import java.time.Instant;

/**
 * A mailbox Flowdesk reads mail from (email-to-ticket).
 *
 * @param address the address people write to, e.g. {@code servicedesk@example.com}
 * @param security {@code NONE}, {@code STARTTLS} or {@code TLS}
 * @param passwordSecret the name of the secret in the {@code SecretStore} holding the IMAP
 *     password, or null when the server needs none
 * @param processedFolder where handled mail is moved, or null to flag it in place
 * @param reopenOnReply whether a caller's reply to a resolved incident reopens it
 * @param lastPollError why the last poll failed, or null when it succeeded
 */
public record Mailbox(
    long id,
    String name,
    String address,
    String host,
    int port,
    String security,
    String username,
    String passwordSecret,
    String folder,
    String processedFolder,
    MailboxKind kind,
    UnknownSenders unknownSenders,
    boolean reopenOnReply,
    boolean enabled,
    Instant lastPollAt,
    String lastPollError) {

  /** What a new mail to this mailbox opens. */
  public enum MailboxKind {
    INCIDENT,
    REQUEST
  }

  /** What happens to a new mail from an address the directory does not know. */
  public enum UnknownSenders {
    /** Opens the record for a guest: a disabled person made for the address. */
    CREATE_AS_GUEST,
    /** Answers once with how to reach the service desk instead. */
    REPLY_WITH_INSTRUCTIONS,
    /** Drops it (recorded as ignored). */
    IGNORE
  }
}
