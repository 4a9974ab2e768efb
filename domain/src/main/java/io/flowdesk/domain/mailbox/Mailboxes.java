package io.flowdesk.domain.mailbox;

import io.flowdesk.domain.mailbox.Mailbox.MailboxKind;
import io.flowdesk.domain.mailbox.Mailbox.UnknownSenders;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Table {@code domain.mailbox}: the mailboxes email-to-ticket reads. */
public final class Mailboxes {

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
  private static final Pattern ADDRESS = Pattern.compile("[^@\\s<>]+@[^@\\s<>]+");
  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.:\\[\\]-]{1,253}");
  private static final Set<String> SECURITY = Set.of("NONE", "STARTTLS", "TLS");
  private static final int MAX_TEXT = 200;
  private static final String COLUMNS =
      "id, name, address, host, port, security, username, password_secret, folder,"
          + " processed_folder, kind, unknown_senders, reopen_on_reply, enabled, last_poll_at,"
          + " last_poll_error";

  private final JdbcClient jdbc;

  public Mailboxes(final DataSource dataSource) {
    this.jdbc = JdbcClient.create(dataSource);
  }

  /** Every mailbox, by name. */
  public List<Mailbox> list() {
    return jdbc.sql("SELECT " + COLUMNS + " FROM domain.mailbox ORDER BY name")
        .query(Mailboxes::map)
        .list();
  }

  public Optional<Mailbox> find(final long id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM domain.mailbox WHERE id = :id")
        .param("id", id)
        .query(Mailboxes::map)
        .optional();
  }

  public Optional<Mailbox> findByName(final String name) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM domain.mailbox WHERE name = :name")
        .param("name", name)
        .query(Mailboxes::map)
        .optional();
  }

  /**
   * Adds the mailbox, or replaces the one of the same name.
   *
   * @throws InvalidMailboxException naming the first bad field; nothing is saved
   */
  public Mailbox save(final MailboxDraft draft) {
    check(draft);
    return jdbc.sql(
            """
            INSERT INTO domain.mailbox (name, address, host, port, security, username,
                password_secret, folder, processed_folder, kind, unknown_senders, reopen_on_reply,
                enabled)
            VALUES (:name, :address, :host, :port, :security, :username, :passwordSecret, :folder,
                :processedFolder, :kind, :unknownSenders, :reopenOnReply, :enabled)
            ON CONFLICT (name) DO UPDATE SET address = EXCLUDED.address, host = EXCLUDED.host,
                port = EXCLUDED.port, security = EXCLUDED.security, username = EXCLUDED.username,
                password_secret = EXCLUDED.password_secret, folder = EXCLUDED.folder,
                processed_folder = EXCLUDED.processed_folder, kind = EXCLUDED.kind,
                unknown_senders = EXCLUDED.unknown_senders,
                reopen_on_reply = EXCLUDED.reopen_on_reply, enabled = EXCLUDED.enabled,
                last_poll_error = NULL
            RETURNING
            """
                + COLUMNS)
        .param("name", draft.name())
        .param("address", draft.address().strip())
        .param("host", draft.host().strip())
        .param("port", draft.port())
        .param("security", draft.security())
        .param("username", draft.username().strip())
        .param("passwordSecret", blankToNull(draft.passwordSecret()))
        .param("folder", draft.folder().strip())
        .param("processedFolder", blankToNull(draft.processedFolder()))
        .param("kind", draft.kind().name())
        .param("unknownSenders", draft.unknownSenders().name())
        .param("reopenOnReply", draft.reopenOnReply())
        .param("enabled", draft.enabled())
        .query(Mailboxes::map)
        .single();
  }

  public boolean delete(final long id) {
    return jdbc.sql("DELETE FROM domain.mailbox WHERE id = :id").param("id", id).update() > 0;
  }

  /** Records the end of a poll: {@code error} null when it succeeded. */
  public void polled(final long id, final Instant at, final String error) {
    jdbc.sql(
            "UPDATE domain.mailbox SET last_poll_at = :at, last_poll_error = :error WHERE id = :id")
        .param("at", Timestamp.from(at))
        .param("error", error == null ? null : cut(error, 2_000))
        .param("id", id)
        .update();
  }

  private static void check(final MailboxDraft draft) {
    if (draft.name() == null || !NAME.matcher(draft.name()).matches()) {
      throw new InvalidMailboxException(
          "name", "name must be 1-64 of a-z, 0-9, '.', '_', '-', starting with a letter or digit");
    }
    if (draft.address() == null || !ADDRESS.matcher(draft.address().strip()).matches()) {
      throw new InvalidMailboxException(
          "address", "address '" + draft.address() + "' is not an email address");
    }
    if (draft.host() == null || !HOST.matcher(draft.host().strip()).matches()) {
      throw new InvalidMailboxException("host", "host '" + draft.host() + "' is not a host name");
    }
    if (draft.port() < 1 || draft.port() > 65_535) {
      throw new InvalidMailboxException("port", "port " + draft.port() + " is not in 1..65535");
    }
    if (draft.security() == null || !SECURITY.contains(draft.security())) {
      throw new InvalidMailboxException("security", "security must be NONE, STARTTLS or TLS");
    }
    requireText("username", draft.username());
    requireText("folder", draft.folder());
    if (draft.processedFolder() != null
        && draft.processedFolder().strip().equals(draft.folder().strip())) {
      throw new InvalidMailboxException(
          "processedFolder", "the processed folder must differ from the folder read");
    }
    if (draft.kind() == null) {
      throw new InvalidMailboxException("kind", "kind must be INCIDENT or REQUEST");
    }
    if (draft.unknownSenders() == null) {
      throw new InvalidMailboxException(
          "unknownSenders",
          "unknown senders must be CREATE_AS_GUEST, REPLY_WITH_INSTRUCTIONS or IGNORE");
    }
  }

  private static void requireText(final String field, final String value) {
    if (value == null || value.isBlank()) {
      throw new InvalidMailboxException(field, field + " is required");
    }
    if (value.length() > MAX_TEXT) {
      throw new InvalidMailboxException(field, field + " is longer than " + MAX_TEXT);
    }
  }

  private static String blankToNull(final String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  static String cut(final String text, final int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }

  private static Mailbox map(final ResultSet rs, final int row) throws SQLException {
    final Timestamp polled = rs.getTimestamp("last_poll_at");
    return new Mailbox(
        rs.getLong("id"),
        rs.getString("name"),
        rs.getString("address"),
        rs.getString("host"),
        rs.getInt("port"),
        rs.getString("security"),
        rs.getString("username"),
        rs.getString("password_secret"),
        rs.getString("folder"),
        rs.getString("processed_folder"),
        MailboxKind.valueOf(rs.getString("kind")),
        UnknownSenders.valueOf(rs.getString("unknown_senders")),
        rs.getBoolean("reopen_on_reply"),
        rs.getBoolean("enabled"),
        polled == null ? null : polled.toInstant(),
        rs.getString("last_poll_error"));
  }
}
