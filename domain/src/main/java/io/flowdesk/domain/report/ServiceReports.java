package io.flowdesk.domain.report;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The managers' reports over incidents, requests and changes, each one SQL aggregate. The volume
 * (daily, weekly) and MTTA/MTTR reports add up per-day facts ({@link DayFacts}): read from the
 * daily summaries {@link ReportRollup} keeps for days before its {@code covered_until}, computed
 * live for the days after; the others are computed on demand (the indexes of migration V32 keep
 * them fast; see bench/README.md). A record counts as closed at its first audit entry into a
 * closing state: incidents RESOLVED, requests FULFILLED, REJECTED, CLOSED or CANCELED, changes
 * CLOSED or CANCELED. Requests have no assignment group, so a group restriction leaves their counts
 * whole. Days and weeks are UTC; weeks start on Monday.
 */
public class ServiceReports {

  /** The most rows the breaches list holds; the newest come first. */
  public static final int MAX_BREACHES = 500;

  private static final int TOP = 10;

  private final JdbcClient jdbc;

  public ServiceReports(final DataSource dataSource) {
    this.jdbc = JdbcClient.create(dataSource);
  }

  public ReportTable run(final Report report, final ReportRange range) {
    return switch (report) {
      case DAILY -> volume(range, "day", "Day");
      case WEEKLY -> volume(range, "week", "Week of");
      case BACKLOG -> backlog(range);
      case SLA -> sla(range);
      case MTTA_MTTR -> mttaMttr(range);
      case CATEGORIES -> top(range, "category", "Category");
      case CIS -> top(range, "configuration_item", "Configuration item");
      case BREACHES -> breaches(range);
    };
  }

  private ReportTable volume(final ReportRange range, final String unit, final String label) {
    final Map<String, Object> params = split(range);
    final String incidentGroups = groups(range, "assignment_group", params);
    final String sql =
        """
        WITH bucket AS (
          SELECT generate_series(date_trunc('%1$s', CAST(:start AS timestamptz) AT TIME ZONE 'UTC'),
                                 CAST(:end AS timestamptz) AT TIME ZONE 'UTC' - interval '1 second',
                                 interval '1 %1$s') AS b),
        opened AS (
          SELECT day, kind, assignment_group, opened FROM domain.report_day_opened
           WHERE day >= :fromDay AND day < :splitDay
          UNION ALL SELECT * FROM (%3$s) live),
        closed AS (
          SELECT day, kind, record_id, assignment_group FROM domain.report_day_closed
           WHERE day >= :fromDay AND day < :splitDay
          UNION ALL SELECT * FROM (%4$s) live),
        counted AS (
          SELECT date_trunc('%1$s', CAST(day AS timestamp)) AS b, kind,
                 CAST(sum(opened) AS bigint) AS n
            FROM opened WHERE kind = 'request' OR (TRUE %2$s) GROUP BY 1, 2),
        closings AS (
          SELECT date_trunc('%1$s', CAST(day AS timestamp)) AS b, kind, count(DISTINCT record_id) AS n
            FROM closed WHERE kind = 'request' OR (TRUE %2$s) GROUP BY 1, 2)
        SELECT to_char(bucket.b, 'YYYY-MM-DD'),
               coalesce(io.n, 0), coalesce(ic.n, 0), coalesce(ro.n, 0), coalesce(rc.n, 0),
               coalesce(co.n, 0), coalesce(cc.n, 0)
          FROM bucket
          LEFT JOIN counted io ON io.b = bucket.b AND io.kind = 'incident'
          LEFT JOIN closings ic ON ic.b = bucket.b AND ic.kind = 'incident'
          LEFT JOIN counted ro ON ro.b = bucket.b AND ro.kind = 'request'
          LEFT JOIN closings rc ON rc.b = bucket.b AND rc.kind = 'request'
          LEFT JOIN counted co ON co.b = bucket.b AND co.kind = 'change'
          LEFT JOIN closings cc ON cc.b = bucket.b AND cc.kind = 'change'
         ORDER BY bucket.b
        """
            .formatted(unit, incidentGroups, DayFacts.OPENED, DayFacts.CLOSED);
    return table(
        sql,
        params,
        List.of(
            label,
            "Incidents opened",
            "Incidents resolved",
            "Requests opened",
            "Requests closed",
            "Changes opened",
            "Changes closed"));
  }

  /** Open now, whenever opened: the range's dates do not apply, its groups do. */
  private ReportTable backlog(final ReportRange range) {
    final Map<String, Object> params = new HashMap<>();
    final String sql =
        """
        SELECT coalesce(i.assignment_group, '(unassigned)') AS g,
               count(*) FILTER (WHERE i.priority = 'P1'), count(*) FILTER (WHERE i.priority = 'P2'),
               count(*) FILTER (WHERE i.priority = 'P3'), count(*) FILTER (WHERE i.priority = 'P4'),
               count(*) FILTER (WHERE i.priority = 'P5'), count(*)
          FROM domain.incident i
         WHERE i.state IN ('NEW', 'IN_PROGRESS', 'ON_HOLD') %s
         GROUP BY 1 ORDER BY 7 DESC, 1
        """
            .formatted(groups(range, "i.assignment_group", params));
    return table(sql, params, List.of("Group", "P1", "P2", "P3", "P4", "P5", "Open"));
  }

  /**
   * Of the incidents opened in the range, the share whose target was met among those where it has
   * been decided: a response is decided once responded or breached, a resolution once resolved (or
   * closed) or breached. One row per group and priority, and one per priority for all groups.
   */
  private ReportTable sla(final ReportRange range) {
    final Map<String, Object> params = params(range);
    final String sql =
        """
        SELECT CASE WHEN grouping(i.assignment_group) = 1 THEN 'All groups'
                    ELSE coalesce(i.assignment_group, '(unassigned)') END,
               coalesce(i.priority, '–'),
               count(*) FILTER (WHERE i.responded_at IS NOT NULL OR i.response_breached),
               round(100.0 * count(*) FILTER (WHERE i.responded_at IS NOT NULL AND NOT i.response_breached)
                 / nullif(count(*) FILTER (WHERE i.responded_at IS NOT NULL OR i.response_breached), 0), 1),
               count(*) FILTER (WHERE i.state IN ('RESOLVED', 'CLOSED') OR i.resolution_breached),
               round(100.0 * count(*) FILTER (WHERE i.state IN ('RESOLVED', 'CLOSED') AND NOT i.resolution_breached)
                 / nullif(count(*) FILTER (WHERE i.state IN ('RESOLVED', 'CLOSED') OR i.resolution_breached), 0), 1)
          FROM domain.incident i
         WHERE i.created_at >= :start AND i.created_at < :end %s
         GROUP BY GROUPING SETS ((i.assignment_group, i.priority), (i.priority))
         ORDER BY grouping(i.assignment_group) DESC, 1, 2
        """
            .formatted(groups(range, "i.assignment_group", params));
    return table(
        sql,
        params,
        List.of(
            "Group",
            "Priority",
            "Responses decided",
            "Response met %",
            "Resolutions decided",
            "Resolution met %"));
  }

  private ReportTable mttaMttr(final ReportRange range) {
    final Map<String, Object> params = split(range);
    final String sql =
        """
        WITH facts AS (
          SELECT day, assignment_group, opened, response_seconds, responded, resolution_seconds,
                 resolved
            FROM domain.report_day_resolution WHERE day >= :fromDay AND day < :splitDay
          UNION ALL SELECT * FROM (%s) live)
        SELECT to_char(date_trunc('week', CAST(day AS timestamp)), 'YYYY-MM-DD'),
               CAST(sum(opened) AS bigint),
               round(CAST(sum(response_seconds) / nullif(sum(responded), 0) / 60 AS numeric), 1),
               round(CAST(sum(resolution_seconds) / nullif(sum(resolved), 0) / 3600 AS numeric), 1)
          FROM facts WHERE TRUE %s
         GROUP BY 1 ORDER BY 1
        """
            .formatted(DayFacts.RESOLUTION, groups(range, "assignment_group", params));
    return table(
        sql, params, List.of("Week of", "Incidents opened", "MTTA (minutes)", "MTTR (hours)"));
  }

  private ReportTable top(final ReportRange range, final String column, final String label) {
    final Map<String, Object> params = params(range);
    final String sql =
        """
        SELECT coalesce(i.%s, '(none)'), count(*) FROM domain.incident i
         WHERE i.created_at >= :start AND i.created_at < :end %s
         GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT %d
        """
            .formatted(column, groups(range, "i.assignment_group", params), TOP);
    return table(sql, params, List.of(label, "Incidents"));
  }

  private ReportTable breaches(final ReportRange range) {
    final Map<String, Object> params = params(range);
    final String sql =
        """
        SELECT i.number, i.short_description, i.priority, i.assignment_group, i.assignee, i.state,
               CASE WHEN i.response_breached THEN 'yes' ELSE 'no' END,
               CASE WHEN i.resolution_breached THEN 'yes' ELSE 'no' END,
               to_char(i.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI')
          FROM domain.incident i
         WHERE i.created_at >= :start AND i.created_at < :end
           AND (i.response_breached OR i.resolution_breached) %s
         ORDER BY i.created_at DESC, i.id DESC LIMIT %d
        """
            .formatted(groups(range, "i.assignment_group", params), MAX_BREACHES);
    return table(
        sql,
        params,
        List.of(
            "Number",
            "Summary",
            "Priority",
            "Group",
            "Assignee",
            "State",
            "Response breached",
            "Resolution breached",
            "Opened (UTC)"));
  }

  /**
   * The parameters of a report over the daily summaries: days from {@code fromDay} up to {@code
   * splitDay} (excluded) are read from them, the rest ({@code :la} to {@code :lb}) computed live.
   */
  private Map<String, Object> split(final ReportRange range) {
    final Map<String, Object> params = params(range);
    final LocalDate afterRange = range.to().plusDays(1);
    final LocalDate covered =
        jdbc.sql("SELECT covered_until FROM domain.report_rollup")
            .query(LocalDate.class)
            .optional()
            .orElse(range.from());
    final LocalDate split =
        covered.isBefore(range.from())
            ? range.from()
            : covered.isAfter(afterRange) ? afterRange : covered;
    params.put("fromDay", range.from());
    params.put("splitDay", split);
    params.put("la", OffsetDateTime.of(split.atStartOfDay(), ZoneOffset.UTC));
    params.put("lb", params.get("end"));
    return params;
  }

  private static Map<String, Object> params(final ReportRange range) {
    final Map<String, Object> params = new HashMap<>();
    params.put("start", OffsetDateTime.ofInstant(range.start(), ZoneOffset.UTC));
    params.put("end", OffsetDateTime.ofInstant(range.end(), ZoneOffset.UTC));
    return params;
  }

  private static String groups(
      final ReportRange range, final String column, final Map<String, Object> params) {
    if (range.groups().isEmpty()) {
      return "";
    }
    params.put("groups", List.copyOf(range.groups()));
    return " AND " + column + " IN (:groups)";
  }

  private ReportTable table(
      final String sql, final Map<String, Object> params, final List<String> columns) {
    final List<List<Object>> rows = jdbc.sql(sql).params(params).query(ServiceReports::row).list();
    return new ReportTable(columns, rows);
  }

  private static List<Object> row(final ResultSet rs, final int n) throws SQLException {
    final ResultSetMetaData meta = rs.getMetaData();
    final List<Object> row = new ArrayList<>(meta.getColumnCount());
    for (int c = 1; c <= meta.getColumnCount(); c++) {
      final Object value = rs.getObject(c);
      if (value instanceof BigDecimal decimal) {
        row.add(decimal.doubleValue());
      } else if (value instanceof Integer number) {
        row.add(number.longValue());
      } else {
        row.add(value);
      }
    }
    return row;
  }
}
