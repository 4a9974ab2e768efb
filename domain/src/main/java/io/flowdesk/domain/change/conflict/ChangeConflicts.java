package io.flowdesk.domain.change.conflict;

import io.flowdesk.domain.change.ChangeNotFoundException;
import io.flowdesk.domain.change.ChangeRecords;
import io.flowdesk.domain.change.ChangeType;
import io.flowdesk.domain.change.UnresolvedConflictsException;
import io.flowdesk.domain.record.Actor;
import io.flowdesk.domain.record.JournalKind;
import io.flowdesk.domain.record.RecordCore;
import io.flowdesk.domain.record.RecordText;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The conflicts of changes (table {@code domain.change_conflict}): detected for a change's affected
 * CIs, planned window and implementer ({@link ConflictRule}) and stored, replacing what the last
 * check found; a conflict found again keeps when it was first detected and its override. Overridden
 * at a normal change's authorization with a reason (who, when, why; audited and as a work note):
 * until then the change cannot be approved (V24's trigger, {@link UnresolvedConflictsException}).
 * Every method joins the caller's transaction.
 */
public class ChangeConflicts {

  public static final int OVERRIDE_REASON = 1000;

  private static final String SELECT =
      """
      SELECT cc.*, coalesce(c.name, rc.ci_name) AS ci_name, o.number AS other_number
      FROM domain.change_conflict cc
        LEFT JOIN domain.ci c ON c.id = cc.ci_id
        LEFT JOIN domain.change_request_ci rc
          ON rc.change_request_id = cc.change_request_id AND rc.ci_id = cc.ci_id
        LEFT JOIN domain.change_request o ON o.id = cc.other_change_id
      """;

  private final JdbcClient jdbc;
  private final NamedParameterJdbcTemplate batch;
  private final ConflictDetection detection;
  private final RecordCore core;
  private final Clock clock;

  public ChangeConflicts(
      final DataSource dataSource, final ChangeRecords changes, final Clock clock) {
    this.jdbc = JdbcClient.create(dataSource);
    this.batch = new NamedParameterJdbcTemplate(dataSource);
    this.detection = new ConflictDetection(jdbc);
    this.core = changes.core();
    this.clock = clock;
  }

  /**
   * Checks the change now and stores what it finds in place of the last check's conflicts; a change
   * in the count is audited. Answers the stored conflicts.
   *
   * @throws ChangeNotFoundException no such change
   */
  public List<ChangeConflict> detect(final long changeId, final Actor actor) {
    RecordText.requireActor(actor);
    return core.inTransaction(
        () -> {
          final Window window =
              jdbc.sql(
                      "SELECT planned_start, planned_end FROM domain.change_request WHERE id = :id"
                          + " FOR UPDATE")
                  .param("id", changeId)
                  .query(
                      (row, n) ->
                          new Window(
                              row.getTimestamp("planned_start").toInstant(),
                              row.getTimestamp("planned_end").toInstant()))
                  .optional()
                  .orElseThrow(() -> new ChangeNotFoundException(String.valueOf(changeId)));
          final Map<Object, Earlier> before = earlier(changeId);
          jdbc.sql("DELETE FROM domain.change_conflict WHERE change_request_id = :id")
              .param("id", changeId)
              .update();
          final Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
          final List<ConflictDetection.Found> found =
              detection.find(changeId, window.start(), window.end());
          insert(changeId, found, before, now);
          if (before.size() != found.size()) {
            core.audit()
                .record(
                    changeId,
                    actor,
                    "conflicts",
                    Integer.toString(before.size()),
                    Integer.toString(found.size()));
          }
          return of(changeId);
        });
  }

  private record Window(Instant start, Instant end) {}

  /** What a stored conflict keeps when it is found again: first detection and override. */
  private record Earlier(
      Instant detectedAt, String overriddenBy, Timestamp overriddenAt, String reason) {}

  private Map<Object, Earlier> earlier(final long changeId) {
    final Map<Object, Earlier> earlier = new HashMap<>();
    jdbc.sql("SELECT * FROM domain.change_conflict WHERE change_request_id = :id")
        .param("id", changeId)
        .query(
            (row, n) -> {
              final Object key =
                  new ConflictDetection.Found(
                          ConflictRule.valueOf(row.getString("rule")),
                          row.getObject("ci_id", UUID.class),
                          null,
                          row.getObject("related_ci_id", UUID.class),
                          (Long) row.getObject("other_change_id"),
                          (Long) row.getObject("blackout_id"),
                          null)
                      .key();
              earlier.put(
                  key,
                  new Earlier(
                      row.getTimestamp("detected_at").toInstant(),
                      row.getString("overridden_by"),
                      row.getTimestamp("overridden_at"),
                      row.getString("override_reason")));
              return key;
            })
        .list();
    return earlier;
  }

  // One batch for all of them: a round trip per conflict would be most of a check's time.
  private void insert(
      final long changeId,
      final List<ConflictDetection.Found> found,
      final Map<Object, Earlier> before,
      final Instant now) {
    if (found.isEmpty()) {
      return;
    }
    final SqlParameterSource[] rows = new SqlParameterSource[found.size()];
    for (int i = 0; i < rows.length; i++) {
      final ConflictDetection.Found conflict = found.get(i);
      final Earlier earlier = before.get(conflict.key());
      rows[i] =
          new MapSqlParameterSource()
              .addValue("change", changeId)
              .addValue("rule", conflict.rule().name())
              .addValue("ci", conflict.ciId(), Types.OTHER)
              .addValue("related", conflict.relatedCiId(), Types.OTHER)
              .addValue("other", conflict.otherChangeId(), Types.BIGINT)
              .addValue("blackout", conflict.blackoutId(), Types.BIGINT)
              .addValue("detail", cut(conflict.detail(), 500))
              .addValue("detected", Timestamp.from(earlier == null ? now : earlier.detectedAt()))
              .addValue("by", earlier == null ? null : earlier.overriddenBy(), Types.VARCHAR)
              .addValue("at", earlier == null ? null : earlier.overriddenAt(), Types.TIMESTAMP)
              .addValue("reason", earlier == null ? null : earlier.reason(), Types.VARCHAR);
    }
    batch.batchUpdate(
        """
        INSERT INTO domain.change_conflict (change_request_id, rule, ci_id, related_ci_id,
          other_change_id, blackout_id, detail, detected_at, overridden_by, overridden_at,
          override_reason)
        VALUES (:change, :rule, :ci, :related, :other, :blackout, :detail, :detected, :by,
          :at, :reason)
        """,
        rows);
  }

  /** The change's stored conflicts (open and overridden), by rule and CI. */
  public List<ChangeConflict> of(final long changeId) {
    return jdbc.sql(SELECT + " WHERE cc.change_request_id = :id ORDER BY cc.rule, ci_name, cc.id")
        .param("id", changeId)
        .query(ChangeConflicts::map)
        .list();
  }

  /** The open (not overridden) conflicts of these changes, by change id; changes without none. */
  public Map<Long, List<ChangeConflict>> openFor(final Collection<Long> changeIds) {
    if (changeIds == null || changeIds.isEmpty()) {
      return Map.of();
    }
    final Map<Long, List<ChangeConflict>> open = new LinkedHashMap<>();
    jdbc.sql(
            SELECT
                + " WHERE cc.change_request_id = ANY (:ids) AND cc.overridden_at IS NULL"
                + " ORDER BY cc.change_request_id, cc.rule, ci_name, cc.id")
        .param("ids", changeIds.toArray(Long[]::new))
        .query(ChangeConflicts::map)
        .list()
        .forEach(c -> open.computeIfAbsent(c.changeId(), id -> new ArrayList<>()).add(c));
    return open;
  }

  /** How many of the change's conflicts are open. */
  public int openCount(final long changeId) {
    return jdbc.sql(
            "SELECT count(*) FROM domain.change_conflict"
                + " WHERE change_request_id = :id AND overridden_at IS NULL")
        .param("id", changeId)
        .query(Integer.class)
        .single();
  }

  /**
   * Whether approving the change needs an override reason first: a normal change with open
   * conflicts.
   */
  public boolean needsOverride(final long changeId, final ChangeType type) {
    return type == ChangeType.NORMAL && openCount(changeId) > 0;
  }

  /**
   * Overrides the change's open conflicts for its authorization: each is marked with who, when and
   * why, the audit trail records the count and reason, and a work note lists them. Answers how many
   * were overridden (none open: 0, nothing written).
   *
   * @throws IllegalArgumentException the reason is missing or longer than {@value #OVERRIDE_REASON}
   */
  public int override(final long changeId, final String reason, final Actor actor) {
    RecordText.required("overrideReason", reason, OVERRIDE_REASON);
    RecordText.requireActor(actor);
    final String why = reason.strip();
    return core.inTransaction(
        () -> {
          final List<String> details =
              jdbc.sql(
                      """
                      UPDATE domain.change_conflict
                         SET overridden_by = :by, overridden_at = :at, override_reason = :reason
                       WHERE change_request_id = :id AND overridden_at IS NULL
                      RETURNING detail
                      """)
                  .param("by", actor.actor())
                  .param("at", Timestamp.from(clock.instant()))
                  .param("reason", why)
                  .param("id", changeId)
                  .query(String.class)
                  .list();
          if (details.isEmpty()) {
            return 0;
          }
          final String count = details.size() + (details.size() == 1 ? " conflict" : " conflicts");
          core.audit().record(changeId, actor, "conflictOverride", null, count + ": " + why);
          final StringBuilder note =
              new StringBuilder("Authorized despite ")
                  .append(count)
                  .append(", overridden by ")
                  .append(actor.actor())
                  .append(": ")
                  .append(why);
          for (final String detail : details) {
            note.append("\n- ").append(detail);
          }
          core.addJournalEntry(
              changeId, JournalKind.WORK_NOTE, cut(note.toString(), RecordText.LONG_TEXT), actor);
          return details.size();
        });
  }

  /**
   * @throws UnresolvedConflictsException a normal change with open conflicts
   */
  public void requireApprovable(final long changeId, final String number, final ChangeType type) {
    if (type == ChangeType.NORMAL) {
      final int open = openCount(changeId);
      if (open > 0) {
        throw new UnresolvedConflictsException(number, open);
      }
    }
  }

  private static ChangeConflict map(final ResultSet row, final int n) throws SQLException {
    final Timestamp overriddenAt = row.getTimestamp("overridden_at");
    return new ChangeConflict(
        row.getLong("change_request_id"),
        ConflictRule.valueOf(row.getString("rule")),
        row.getString("detail"),
        row.getLong("id"),
        row.getObject("ci_id", UUID.class),
        row.getString("ci_name"),
        row.getObject("related_ci_id", UUID.class),
        row.getString("other_number"),
        (Long) row.getObject("blackout_id"),
        row.getTimestamp("detected_at").toInstant(),
        row.getString("overridden_by"),
        overriddenAt == null ? null : overriddenAt.toInstant(),
        row.getString("override_reason"));
  }

  private static String cut(final String text, final int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }
}
