package io.flowdesk.domain.change.conflict;

import io.flowdesk.domain.cmdb.MaintenanceWindow;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Finds a change's conflicts in one SQL statement (plain SQL on purpose: it is the hot path
 * measured by bench's {@code ConflictBenchmark}, and a per-CI loop would be a round trip per CI and
 * rule). The other changes overlapping the window come from the GiST index on the window range, the
 * CIs they touch from the index by CI id; parents and children are one relationship away in either
 * direction; a business service's blackout reaches what the service depends on (downstream,
 * cycle-safe like {@code ImpactAnalysis}, depth {@value BlackoutWindows#SERVICE_DEPTH}). Only the
 * maintenance window is judged here in Java, since it is a weekly table the CMDB parses.
 */
final class ConflictDetection {

  private static final String FIND =
      """
      WITH RECURSIVE me AS (
        SELECT id, implementer, tstzrange(planned_start, planned_end, '[)') AS w
        FROM domain.change_request WHERE id = :id
      ),
      mine AS (
        SELECT rc.ci_id, coalesce(c.name, rc.ci_name) AS ci_name, c.maintenance_window
        FROM domain.change_request_ci rc LEFT JOIN domain.ci c ON c.id = rc.ci_id
        WHERE rc.change_request_id = :id
      ),
      others AS (
        SELECT o.id, o.implementer FROM domain.change_request o, me
        WHERE o.id <> me.id AND o.state NOT IN ('CLOSED', 'CANCELED')
          AND tstzrange(o.planned_start, o.planned_end, '[)') && me.w
      ),
      neighbours AS (
        SELECT m.ci_id, 'PARENT_CI' AS rule, r.source_id AS related
        FROM mine m JOIN domain.ci_relationship r ON r.target_id = m.ci_id
        UNION
        SELECT m.ci_id, 'CHILD_CI', r.target_id
        FROM mine m JOIN domain.ci_relationship r ON r.source_id = m.ci_id
      ),
      service_reach (blackout_id, service_id, id, depth, path) AS (
        SELECT b.id, b.ci_id, b.ci_id, 0, ARRAY[b.ci_id]
        FROM domain.blackout_window b, me
        WHERE b.scope = 'SERVICE' AND tstzrange(b.starts_at, b.ends_at, '[)') && me.w
        UNION ALL
        SELECT s.blackout_id, s.service_id, r.target_id, s.depth + 1, s.path || r.target_id
        FROM service_reach s JOIN domain.ci_relationship r ON r.source_id = s.id
        WHERE s.depth < :serviceDepth AND NOT r.target_id = ANY (s.path)
      ),
      found AS (
        SELECT 'SAME_CI' AS rule, m.ci_id, m.ci_name, CAST(NULL AS uuid) AS related_id,
               o.id AS other_id, CAST(NULL AS bigint) AS blackout_id,
               CAST(NULL AS varchar) AS maintenance_window
        FROM mine m JOIN domain.change_request_ci oc ON oc.ci_id = m.ci_id
          JOIN others o ON o.id = oc.change_request_id
        UNION ALL
        SELECT n.rule, m.ci_id, m.ci_name, n.related, o.id, NULL, NULL
        FROM neighbours n JOIN mine m ON m.ci_id = n.ci_id
          JOIN domain.change_request_ci oc ON oc.ci_id = n.related
          JOIN others o ON o.id = oc.change_request_id
        WHERE n.related NOT IN (SELECT ci_id FROM mine)
        UNION ALL
        SELECT 'IMPLEMENTER', NULL, NULL, NULL, o.id, NULL, NULL
        FROM me JOIN others o ON o.implementer = me.implementer
        UNION ALL
        SELECT 'MAINTENANCE_WINDOW', m.ci_id, m.ci_name, NULL, NULL, NULL, m.maintenance_window
        FROM mine m WHERE m.maintenance_window IS NOT NULL
        UNION ALL
        SELECT 'BLACKOUT', NULL, NULL, NULL, NULL, b.id, NULL
        FROM domain.blackout_window b, me
        WHERE b.scope = 'GLOBAL' AND tstzrange(b.starts_at, b.ends_at, '[)') && me.w
        UNION ALL
        SELECT 'BLACKOUT', m.ci_id, m.ci_name, NULL, NULL, b.id, NULL
        FROM mine m JOIN domain.blackout_window b ON b.scope = 'CI' AND b.ci_id = m.ci_id, me
        WHERE tstzrange(b.starts_at, b.ends_at, '[)') && me.w
        UNION ALL
        SELECT DISTINCT 'BLACKOUT', m.ci_id, m.ci_name, s.service_id, CAST(NULL AS bigint),
               s.blackout_id, CAST(NULL AS varchar)
        FROM service_reach s JOIN mine m ON m.ci_id = s.id
      )
      SELECT f.*, o.number AS other_number, o.planned_start AS other_start,
             o.planned_end AS other_end, o.implementer AS other_implementer,
             rel.name AS related_name, b.name AS blackout_name, b.scope AS blackout_scope,
             b.starts_at AS blackout_start, b.ends_at AS blackout_end
      FROM found f
        LEFT JOIN domain.change_request o ON o.id = f.other_id
        LEFT JOIN domain.ci rel ON rel.id = f.related_id
        LEFT JOIN domain.blackout_window b ON b.id = f.blackout_id
      ORDER BY f.rule, f.ci_name, o.number, b.starts_at
      """;

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  /** A conflict as found, before it is stored. */
  record Found(
      ConflictRule rule,
      UUID ciId,
      String ciName,
      UUID relatedCiId,
      Long otherChangeId,
      Long blackoutId,
      String detail) {

    /** What identifies the conflict across checks (the table's unique index). */
    Object key() {
      return List.of(
          rule,
          Objects.toString(ciId),
          Objects.toString(relatedCiId),
          Objects.toString(otherChangeId),
          Objects.toString(blackoutId));
    }
  }

  private final JdbcClient jdbc;

  ConflictDetection(final JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The conflicts of the change {@code id} whose window is {@code [start, end)}. */
  List<Found> find(final long id, final Instant start, final Instant end) {
    return jdbc
        .sql(FIND)
        .param("id", id)
        .param("serviceDepth", BlackoutWindows.SERVICE_DEPTH)
        .query(ConflictDetection::map)
        .list()
        .stream()
        .filter(found -> holds(found, start, end))
        .map(ConflictDetection::described)
        .toList();
  }

  // A maintenance window row is a candidate: it conflicts only when the window is not inside it.
  private static boolean holds(final Found found, final Instant start, final Instant end) {
    if (found.rule() != ConflictRule.MAINTENANCE_WINDOW) {
      return true;
    }
    final MaintenanceWindow window = MaintenanceWindow.parse(found.detail());
    return window != null && !window.covers(start, end);
  }

  private static Found map(final ResultSet row, final int n) throws SQLException {
    final ConflictRule rule = ConflictRule.valueOf(row.getString("rule"));
    final String ci = row.getString("ci_name");
    final String other = row.getString("other_number");
    final String otherWindow =
        other == null
            ? null
            : " (" + time(row, "other_start") + " to " + time(row, "other_end") + ")";
    final String related = row.getString("related_name");
    final String detail =
        switch (rule) {
          case SAME_CI -> other + " also changes " + ci + otherWindow;
          case PARENT_CI ->
              other + " changes " + related + ", which depends on " + ci + otherWindow;
          case CHILD_CI ->
              other + " changes " + related + ", on which " + ci + " depends" + otherWindow;
          case IMPLEMENTER ->
              "implementer "
                  + row.getString("other_implementer")
                  + " is also scheduled on "
                  + other
                  + otherWindow;
          // The maintenance window's text, judged by holds() and then described by describe().
          case MAINTENANCE_WINDOW -> row.getString("maintenance_window");
          case BLACKOUT -> blackout(row, ci, related);
        };
    return new Found(
        rule,
        row.getObject("ci_id", UUID.class),
        ci,
        row.getObject("related_id", UUID.class),
        (Long) row.getObject("other_id"),
        (Long) row.getObject("blackout_id"),
        detail);
  }

  private static String blackout(final ResultSet row, final String ci, final String service)
      throws SQLException {
    final String window =
        "blackout window '"
            + row.getString("blackout_name")
            + "' ("
            + time(row, "blackout_start")
            + " to "
            + time(row, "blackout_end")
            + ")";
    return switch (BlackoutScope.valueOf(row.getString("blackout_scope"))) {
      case GLOBAL -> "the window overlaps the global " + window;
      case CI -> "the window overlaps the " + window + " on " + ci;
      case SERVICE ->
          "the window overlaps the "
              + window
              + " on service "
              + service
              + ", which "
              + (ci.equals(service) ? "is itself changed" : "depends on " + ci);
    };
  }

  /** The sentence for a maintenance window conflict, once it holds. */
  static Found described(final Found found) {
    if (found.rule() != ConflictRule.MAINTENANCE_WINDOW) {
      return found;
    }
    return new Found(
        found.rule(),
        found.ciId(),
        found.ciName(),
        null,
        null,
        null,
        "the window is outside the maintenance window of "
            + found.ciName()
            + " ("
            + MaintenanceWindow.parse(found.detail())
            + ", UTC)");
  }

  private static String time(final ResultSet row, final String column) throws SQLException {
    final Timestamp at = row.getTimestamp(column);
    return at == null ? "?" : TIME.format(at.toInstant());
  }
}
