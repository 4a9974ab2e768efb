package io.flowdesk.domain.mailbox;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Tables {@code domain.inbound_mail} and {@code domain.inbound_mail_failure}: every mail read, by
 * Message-ID, with what became of it. The Message-ID is the key that keeps a mail from being
 * handled twice, so {@link #record} belongs in the transaction that changes the record.
 */
public final class InboundMails {

  private static final int MAX_SUBJECT = 500;
  private static final String COLUMNS =
      "message_id, mailbox_id, sender, subject, outcome, record_number, note, pending, start_error,"
          + " received_at";

  private final JdbcClient jdbc;

  public InboundMails(final DataSource dataSource) {
    this.jdbc = JdbcClient.create(dataSource);
  }

  /** Whether the mail was handled to the end (a pending one is not). */
  public boolean handled(final String messageId) {
    return find(messageId).filter(entry -> !entry.pending()).isPresent();
  }

  public Optional<InboundMailEntry> find(final String messageId) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM domain.inbound_mail WHERE message_id = :id")
        .param("id", messageId)
        .query(InboundMails::map)
        .optional();
  }

  /**
   * Records a handled mail; a Message-ID recorded before is left as it was.
   *
   * @return whether this call recorded it
   */
  public boolean record(
      final String messageId,
      final Long mailboxId,
      final String sender,
      final String subject,
      final String outcome,
      final String recordNumber,
      final String note,
      final boolean pending) {
    return jdbc.sql(
                """
                INSERT INTO domain.inbound_mail (message_id, mailbox_id, sender, subject, outcome,
                    record_number, note, pending)
                VALUES (:id, :mailbox, :sender, :subject, :outcome, :number, :note, :pending)
                ON CONFLICT (message_id) DO NOTHING
                """)
            .param("id", messageId)
            .param("mailbox", mailboxId)
            .param("sender", sender == null ? "" : sender)
            .param("subject", subject == null ? "" : Mailboxes.cut(subject, MAX_SUBJECT))
            .param("outcome", outcome)
            .param("number", recordNumber)
            .param("note", note == null ? null : Mailboxes.cut(note, 2_000))
            .param("pending", pending)
            .update()
        > 0;
  }

  /** Marks a pending mail done. */
  public void finish(final String messageId) {
    jdbc.sql(
            "UPDATE domain.inbound_mail SET pending = false, start_error = NULL"
                + " WHERE message_id = :id")
        .param("id", messageId)
        .update();
  }

  /**
   * Claims the oldest pending mail whose work is due, locking its row until the caller's
   * transaction ends; rows another transaction holds are skipped, so several drains (threads or
   * nodes) never finish the same mail at once, and a drain that dies releases its row with its
   * connection. Must run in a transaction.
   */
  public Optional<InboundMailEntry> claimDuePending() {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM domain.inbound_mail WHERE pending AND next_start_at <= now()"
                + " ORDER BY next_start_at, received_at LIMIT 1 FOR UPDATE SKIP LOCKED")
        .query(InboundMails::map)
        .optional();
  }

  /**
   * Records a failed try at a pending mail's work: the next one is due after a back-off doubling
   * with each try, from one second up to {@code maxBackOff}.
   */
  public void startFailed(final String messageId, final String reason, final Duration maxBackOff) {
    jdbc.sql(
            """
            UPDATE domain.inbound_mail
               SET start_attempts = start_attempts + 1,
                   start_error = :reason,
                   next_start_at = now() + make_interval(
                       secs => least(power(2, least(start_attempts, 20)), :max))
             WHERE message_id = :id AND pending
            """)
        .param("id", messageId)
        .param("reason", Mailboxes.cut(reason == null ? "unknown" : reason, 2_000))
        .param("max", Math.max(1, maxBackOff.toSeconds()))
        .update();
  }

  /** How many mails wait for their work (a process start) to be done. */
  public int countPending() {
    return jdbc.sql("SELECT count(*) FROM domain.inbound_mail WHERE pending")
        .query(Integer.class)
        .single();
  }

  /** How many mails from this address were read within the last {@code window} (rate limit). */
  public int countFrom(final String sender, final Duration window) {
    return jdbc.sql(
            """
            SELECT count(*) FROM domain.inbound_mail
             WHERE lower(sender) = lower(:sender)
               AND received_at >= now() - make_interval(secs => :seconds)
            """)
        .param("sender", sender)
        .param("seconds", window.toSeconds())
        .query(Integer.class)
        .single();
  }

  /** The newest mails read from a mailbox. */
  public List<InboundMailEntry> recent(final long mailboxId, final int limit) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM domain.inbound_mail WHERE mailbox_id = :mailbox"
                + " ORDER BY received_at DESC, message_id LIMIT :limit")
        .param("mailbox", mailboxId)
        .param("limit", limit)
        .query(InboundMails::map)
        .list();
  }

  /** Records a mail that could not be read and was set aside. */
  public void failed(
      final long mailboxId, final String messageId, final String subject, final String reason) {
    jdbc.sql(
            """
            INSERT INTO domain.inbound_mail_failure (mailbox_id, message_id, subject, reason)
            VALUES (:mailbox, :id, :subject, :reason)
            """)
        .param("mailbox", mailboxId)
        .param("id", messageId)
        .param("subject", subject == null ? null : Mailboxes.cut(subject, MAX_SUBJECT))
        .param("reason", Mailboxes.cut(reason == null ? "unknown" : reason, 2_000))
        .update();
  }

  /** The newest failures of a mailbox. */
  public List<MailFailure> failures(final long mailboxId, final int limit) {
    return jdbc.sql(
            """
            SELECT id, mailbox_id, message_id, subject, reason, failed_at
              FROM domain.inbound_mail_failure WHERE mailbox_id = :mailbox
             ORDER BY failed_at DESC, id DESC LIMIT :limit
            """)
        .param("mailbox", mailboxId)
        .param("limit", limit)
        .query(
            (rs, row) ->
                new MailFailure(
                    rs.getLong("id"),
                    rs.getLong("mailbox_id"),
                    rs.getString("message_id"),
                    rs.getString("subject"),
                    rs.getString("reason"),
                    rs.getTimestamp("failed_at").toInstant()))
        .list();
  }

  private static InboundMailEntry map(final ResultSet rs, final int row) throws SQLException {
    final long mailbox = rs.getLong("mailbox_id");
    return new InboundMailEntry(
        rs.getString("message_id"),
        rs.wasNull() ? null : mailbox,
        rs.getString("sender"),
        rs.getString("subject"),
        rs.getString("outcome"),
        rs.getString("record_number"),
        rs.getString("note"),
        rs.getBoolean("pending"),
        rs.getString("start_error"),
        rs.getTimestamp("received_at").toInstant());
  }
}
