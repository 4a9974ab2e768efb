package io.flowdesk.domain.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowdesk.domain.TestDatabase;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The summarised reports answer exactly what the live computation answers, over seeded records
 * spread across ten weeks (several groups and none, incidents resolved twice in a week, requests
 * and changes), for ranges starting mid-week, with and without a group, before and after a refresh,
 * and after late changes to days already summarised.
 */
class ReportRollupTest {

  private static final LocalDate TODAY = LocalDate.of(2025, 3, 12);
  private static final List<Report> SUMMARISED =
      List.of(Report.DAILY, Report.WEEKLY, Report.MTTA_MTTR);

  private static DataSource db;
  private static JdbcClient jdbc;

  @BeforeAll
  static void seed() {
    db = TestDatabase.migrated();
    jdbc = JdbcClient.create(db);
    jdbc.sql(
            """
            INSERT INTO domain.incident (number, caller, short_description, impact, urgency,
              priority, state, assignment_group, responded_at, created_at)
            SELECT 'INC' || lpad(n::text, 7, '0'), 'caller', 'broken', 'LOW', 'LOW', 'P3',
                   CASE WHEN n % 4 = 0 THEN 'NEW' ELSE 'RESOLVED' END,
                   (ARRAY['east', 'west', NULL])[1 + n % 3],
                   CASE WHEN n % 5 <> 0 THEN c + make_interval(secs => 37 * n % 5000 + 0.25) END,
                   c
              FROM generate_series(1, 900) n,
                   LATERAL (SELECT timestamptz '2025-01-01 00:00Z'
                                   + make_interval(secs => n * 7919 % 6200000) AS c) t
            """)
        .update();
    // Resolved once, some of them again 20 to 40 hours later (reopened and resolved twice).
    jdbc.sql(
            """
            INSERT INTO domain.incident_audit (incident_id, actor, at, field, old_value, new_value)
            SELECT id, 'agent', created_at + make_interval(mins => CAST(30 + id * 61 % 4000 AS int)),
                   'state', 'IN_PROGRESS', 'RESOLVED'
              FROM domain.incident WHERE state = 'RESOLVED'
            UNION ALL
            SELECT id, 'agent', created_at + make_interval(hours => CAST(20 + id % 20 AS int)),
                   'state', 'IN_PROGRESS', 'RESOLVED'
              FROM domain.incident WHERE state = 'RESOLVED' AND id % 3 = 0
            """)
        .update();
    jdbc.sql(
            """
            INSERT INTO domain.request (number, requester, requested_for, item_process_id,
              item_version, title, answers, state, stage, created_at)
            SELECT 'REQ' || lpad(n::text, 7, '0'), 'user', 'user', 'laptop', 1, 'Laptop',
                   '{}'::jsonb, CASE WHEN n % 3 = 0 THEN 'SUBMITTED' ELSE 'FULFILLED' END,
                   'SUBMITTED', timestamptz '2025-01-01 00:00Z' + make_interval(secs => n * 9973 % 6200000)
              FROM generate_series(1, 300) n
            """)
        .update();
    jdbc.sql(
            """
            INSERT INTO domain.request_audit (request_id, actor, at, field, old_value, new_value)
            SELECT id, 'agent', created_at + make_interval(hours => CAST(id % 50 AS int)), 'state',
                   'IN_FULFILMENT', 'FULFILLED' FROM domain.request WHERE state = 'FULFILLED'
            """)
        .update();
    jdbc.sql(
            """
            INSERT INTO domain.change_request (number, type, short_description, requested_by,
              assignment_group, planned_start, planned_end, state, created_at)
            SELECT 'CHG' || lpad(n::text, 7, '0'), 'NORMAL', 'upgrade', 'someone',
                   (ARRAY['east', 'west'])[1 + n % 2], c, c + interval '1 hour',
                   CASE WHEN n % 2 = 0 THEN 'CANCELED' ELSE 'NEW' END, c
              FROM generate_series(1, 120) n,
                   LATERAL (SELECT timestamptz '2025-01-01 00:00Z'
                                   + make_interval(secs => n * 104729 % 6200000) AS c) t
            """)
        .update();
    jdbc.sql(
            """
            INSERT INTO domain.change_request_audit (change_request_id, actor, at, field,
              old_value, new_value)
            SELECT id, 'agent', created_at + interval '3 days', 'state', 'NEW', 'CANCELED'
              FROM domain.change_request WHERE state = 'CANCELED'
            """)
        .update();
    // Records last touched long ago, as in a real history: only the late changes below are new.
    for (final String table : List.of("incident", "request", "change_request")) {
      jdbc.sql("UPDATE domain." + table + " SET updated_at = created_at + interval '3 days'")
          .update();
    }
  }

  @Test
  void summarisedReportsEqualTheLiveComputationBeforeAndAfterLateChanges() {
    final ServiceReports reports = new ServiceReports(db);
    final ReportRollup rollup = new ReportRollup(db);
    final List<ReportRange> ranges =
        List.of(
            new ReportRange(LocalDate.of(2025, 1, 1), TODAY, Set.of()),
            new ReportRange(LocalDate.of(2025, 1, 8), TODAY.plusDays(3), Set.of("east")),
            new ReportRange(LocalDate.of(2025, 1, 15), LocalDate.of(2025, 2, 20), Set.of()),
            new ReportRange(LocalDate.of(2025, 2, 5), TODAY, Set.of("west", "east")));
    final List<ReportTable> live = runAll(reports, ranges);
    assertThat(live.get(0).rows()).as("the seed reaches the reports").hasSizeGreaterThan(60);

    final ReportRollup.Refresh first = rollup.refresh(TODAY, 7);
    assertThat(first.daysSummarised()).isGreaterThan(60);
    assertThat(summaryRows()).as("days before today are summarised").isPositive();
    assertThat(runAll(reports, ranges)).isEqualTo(live);

    // Late changes to summarised days: a regrouped incident and a fresh resolution of an old one.
    jdbc.sql(
            "UPDATE domain.incident SET assignment_group = 'west', updated_at = now()"
                + " WHERE number IN ('INC0000003', 'INC0000010')")
        .update();
    jdbc.sql(
            """
            INSERT INTO domain.incident_audit (incident_id, actor, at, field, old_value, new_value)
            SELECT id, 'agent', timestamptz '2025-02-03 12:00Z', 'state', 'NEW', 'RESOLVED'
              FROM domain.incident WHERE number = 'INC0000004'
            """)
        .update();
    jdbc.sql("UPDATE domain.incident SET updated_at = now() WHERE number = 'INC0000004'").update();
    final List<ReportTable> changed = live(reports, ranges);
    assertThat(changed).as("the late changes change the live numbers").isNotEqualTo(live);
    assertThat(runAll(reports, ranges)).as("summaries lag until the next refresh").isEqualTo(live);

    rollup.refresh(TODAY, 7);
    assertThat(runAll(reports, ranges)).isEqualTo(changed);
    // A day later: yesterday is now summarised too.
    rollup.refresh(TODAY.plusDays(1), 7);
    assertThat(runAll(reports, ranges)).isEqualTo(changed);
  }

  /** The reports computed live on every day: as if no refresh had ever run. */
  private static List<ReportTable> live(
      final ServiceReports reports, final List<ReportRange> ranges) {
    final var saved = jdbc.sql("SELECT * FROM domain.report_rollup").query().singleRow();
    jdbc.sql("DELETE FROM domain.report_rollup").update();
    try {
      return runAll(reports, ranges);
    } finally {
      jdbc.sql(
              "INSERT INTO domain.report_rollup (id, covered_until, refreshed_at)"
                  + " VALUES (1, :coveredUntil, :refreshedAt)")
          .param("coveredUntil", saved.get("covered_until"))
          .param("refreshedAt", saved.get("refreshed_at"))
          .update();
    }
  }

  private static long summaryRows() {
    return jdbc.sql("SELECT count(*) FROM domain.report_day_opened").query(Long.class).single();
  }

  private static List<ReportTable> runAll(
      final ServiceReports reports, final List<ReportRange> ranges) {
    return ranges.stream()
        .flatMap(range -> SUMMARISED.stream().map(report -> reports.run(report, range)))
        .toList();
  }
}
