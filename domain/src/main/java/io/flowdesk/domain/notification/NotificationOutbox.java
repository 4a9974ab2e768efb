package io.flowdesk.domain.notification;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the records' triggers (domain V55) put into {@code domain.notification_outbox}: a public
 * comment, a state change or an assignment that committed, and what an agent's major-incident
 * communication adds. The app's dispatch claims due rows for a lease, tells the people, and deletes
 * a row once everyone it reaches was told; a failed attempt leaves the row for later. Whom a row
 * reaches is read here too ({@link #facts}), when it is sent.
 */
public final class NotificationOutbox {

  private final JdbcClient jdbc;

  public NotificationOutbox(final DataSource dataSource) {
    this.jdbc = JdbcClient.create(dataSource);
  }

  /** One thing to tell people about; {@code attempts} counts this claim. */
  public record Entry(
      long id,
      String event,
      String recordKind,
      long recordId,
      Long journalId,
      String oldValue,
      String newValue,
      String actor,
      int attempts) {}

  /**
   * What a notice says of its record and whom it may reach.
   *
   * @param owners the people the record is for, the one who asked for it first: an incident's
   *     caller, a request's requester and the person it is for, a change's requester, the person
   *     who raised a problem (none for a problem the recurring-incident detection proposed)
   */
  public record RecordFacts(
      String number, String title, String priority, List<String> owners, List<String> watchers) {}

  /**
   * Claims up to {@code limit} due rows, oldest first, for {@code lease}: nobody else claims them
   * meanwhile, and a node that dies mid-send leaves them due again when the lease ends.
   */
  public List<Entry> claimDue(final Instant now, final Duration lease, final int limit) {
    return jdbc
        .sql(
            """
            UPDATE domain.notification_outbox
               SET attempts = attempts + 1, next_attempt_at = :leaseEnd
             WHERE id IN (SELECT id FROM domain.notification_outbox
                           WHERE next_attempt_at <= :now ORDER BY id LIMIT :limit
                           FOR UPDATE SKIP LOCKED)
            RETURNING id, event, record_kind, record_id, journal_id, old_value, new_value, actor,
                      attempts
            """)
        .param("now", Timestamp.from(now))
        .param("leaseEnd", Timestamp.from(now.plus(lease)))
        .param("limit", limit)
        .query(
            (rs, n) ->
                new Entry(
                    rs.getLong("id"),
                    rs.getString("event"),
                    rs.getString("record_kind"),
                    rs.getLong("record_id"),
                    rs.getObject("journal_id", Long.class),
                    rs.getString("old_value"),
                    rs.getString("new_value"),
                    rs.getString("actor"),
                    rs.getInt("attempts")))
        .list()
        .stream()
        .sorted(java.util.Comparator.comparingLong(Entry::id))
        .toList();
  }

  /** Everyone the row reaches was told: it is gone. */
  public void done(final long id) {
    jdbc.sql("DELETE FROM domain.notification_outbox WHERE id = :id").param("id", id).update();
  }

  /** An attempt failed: the row is due again at {@code next}, with the reason kept. */
  public void failed(final long id, final String error, final Instant next) {
    jdbc.sql(
            "UPDATE domain.notification_outbox SET last_error = :error, next_attempt_at = :next"
                + " WHERE id = :id")
        .param(
            "error", error == null ? "failed" : error.substring(0, Math.min(2000, error.length())))
        .param("next", Timestamp.from(next))
        .param("id", id)
        .update();
  }

  /** How many rows wait (admin pages, tests). */
  public long pending() {
    return jdbc.sql("SELECT count(*) FROM domain.notification_outbox").query(Long.class).single();
  }

  /**
   * An agent's major-incident communication, posted as the public comments {@code journalIds} on
   * the parent {@code parentId} and its children (in the caller's transaction): those comments'
   * watcher notices give way to one communication notice, so each person gets one mail.
   *
   * @param parentJournalId the parent's comment, whose text the notice carries
   */
  public void communicated(
      final long parentId,
      final long parentJournalId,
      final Collection<Long> journalIds,
      final String actor,
      final Instant at) {
    jdbc.sql(
            "DELETE FROM domain.notification_outbox WHERE event = 'watched-record-commented'"
                + " AND record_kind = 'incident' AND journal_id IN (:ids)")
        .param("ids", journalIds)
        .update();
    jdbc.sql(
            """
            INSERT INTO domain.notification_outbox
              (event, record_kind, record_id, journal_id, actor, occurred_at)
            VALUES ('major-incident-communication', 'incident', :parent, :journal, :actor, :at)
            """)
        .param("parent", parentId)
        .param("journal", parentJournalId)
        .param("actor", actor)
        .param("at", Timestamp.from(at))
        .update();
  }

  /**
   * {@code assignee} was given a record's work (e.g. a request's task in the inbox) by {@code
   * actor}, where no record field changes to say so; in the caller's transaction. Record fields
   * called {@code assignee} need no call: their audit entry writes the notice.
   */
  public void assigned(
      final String kind, final long recordId, final String assignee, final String actor) {
    jdbc.sql(
            """
            INSERT INTO domain.notification_outbox
              (event, record_kind, record_id, new_value, actor, occurred_at)
            VALUES ('assigned-to-me', :kind, :record, :assignee, :actor, now())
            """)
        .param("kind", kind)
        .param("record", recordId)
        .param("assignee", assignee)
        .param("actor", actor)
        .update();
  }

  /** The record's number, title, priority, owners and watchers; empty when it is gone. */
  public Optional<RecordFacts> facts(final String kind, final long recordId) {
    final RecordSql sql = RecordSql.of(kind);
    return jdbc.sql(
            "SELECT number, "
                + sql.title
                + " AS title, "
                + sql.priority
                + " AS priority, "
                + sql.owners
                + " AS owners FROM domain."
                + sql.table
                + " WHERE id = :id")
        .param("id", recordId)
        .query(
            (rs, n) -> {
              final List<String> owners = new ArrayList<>();
              for (final String owner : (String[]) rs.getArray("owners").getArray()) {
                if (owner != null && !owners.contains(owner)) {
                  owners.add(owner);
                }
              }
              return new RecordFacts(
                  rs.getString("number"),
                  rs.getString("title"),
                  rs.getString("priority"),
                  List.copyOf(owners),
                  watchers(sql, recordId));
            })
        .optional();
  }

  /** The children of the major incident {@code parentId}, ended ones too. */
  public List<Long> children(final long parentId) {
    return jdbc.sql(
            "SELECT child_id FROM domain.incident_parent WHERE parent_id = :parent ORDER BY child_id")
        .param("parent", parentId)
        .query(Long.class)
        .list();
  }

  /**
   * The text of the record's public comment {@code journalId}; empty for a work note, which never
   * reaches a notice even if a row named one.
   */
  public Optional<String> publicComment(final String kind, final long journalId) {
    return jdbc.sql(
            "SELECT text FROM domain."
                + RecordSql.of(kind).table
                + "_journal WHERE id = :id AND kind = 'COMMENT'")
        .param("id", journalId)
        .query(String.class)
        .optional();
  }

  private List<String> watchers(final RecordSql sql, final long recordId) {
    return jdbc.sql(
            "SELECT username FROM domain."
                + sql.table
                + "_watcher WHERE "
                + sql.table
                + "_id = :id ORDER BY username")
        .param("id", recordId)
        .query(String.class)
        .list();
  }

  /** Where each record kind keeps what a notice needs (fixed names, never input). */
  private enum RecordSql {
    INCIDENT("incident", "short_description", "priority", "ARRAY[caller]"),
    REQUEST("request", "title", "NULL", "ARRAY[requester, requested_for]"),
    CHANGE("change_request", "short_description", "NULL", "ARRAY[requested_by]"),
    PROBLEM("problem", "short_description", "priority", "ARRAY[NULLIF(raised_by, 'process')]");

    final String table;
    final String title;
    final String priority;
    final String owners;

    RecordSql(final String table, final String title, final String priority, final String owners) {
      this.table = table;
      this.title = title;
      this.priority = priority;
      this.owners = owners;
    }

    static RecordSql of(final String kind) {
      return switch (kind) {
        case "incident" -> INCIDENT;
        case "request" -> REQUEST;
        case "change" -> CHANGE;
        case "problem" -> PROBLEM;
        default -> throw new IllegalArgumentException("no record kind " + kind);
      };
    }
  }
}
