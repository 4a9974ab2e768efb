package io.flowdesk.domain.report;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the daily summaries behind the volume and MTTA/MTTR reports ({@link DayFacts}) for every
 * day before today, so that a year-long report reads about a thousand summary rows instead of every
 * record and audit entry of the year.
 *
 * <p>Each {@link #refresh} summarises the days since the last one and, for late changes, every day
 * a record updated since the last refresh counts on (the day it was opened and the days it closed:
 * a record moved to another group, resolved or reopened later changes those days), plus the last
 * {@code trailingDays} days as a safety net. It relies on every change to a record bumping the
 * record's {@code updated_at}, as the domain's record writers do. Between two refreshes a closed
 * day may lag such a change; today is never summarised, and is always live. A refresh is one
 * transaction: readers see the summaries before or after it, never half of it.
 */
public class ReportRollup {

  /** Changes committed this long before a refresh started are looked for again on the next. */
  private static final String OVERLAP = "interval '5 minutes'";

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;

  public ReportRollup(final DataSource dataSource) {
    this.jdbc = JdbcClient.create(dataSource);
    this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
  }

  /** What one refresh summarised. */
  public record Refresh(LocalDate coveredUntil, int daysSummarised) {}

  /**
   * Summarises the days before {@code today} (UTC) that changed since the last refresh, and the
   * {@code trailingDays} days before today.
   */
  public Refresh refresh(final LocalDate today, final int trailingDays) {
    return transactions.execute(
        status -> {
          // One refresh at a time, whichever node runs it.
          jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('domain.report_rollup'))")
              .query()
              .singleRow();
          final OffsetDateTime startedAt =
              jdbc.sql("SELECT now()").query(OffsetDateTime.class).single();
          final Optional<OffsetDateTime> since =
              jdbc.sql("SELECT refreshed_at FROM domain.report_rollup")
                  .query(OffsetDateTime.class)
                  .optional();
          final List<LocalDate> days =
              since.isEmpty()
                  ? everyDayBefore(today)
                  : changedDays(since.get(), today, trailingDays);
          for (final LocalDate day : days) {
            summarise(day);
          }
          jdbc.sql(
                  """
                  INSERT INTO domain.report_rollup (id, covered_until, refreshed_at)
                  VALUES (1, :today, :startedAt)
                  ON CONFLICT (id) DO UPDATE
                    SET covered_until = :today, refreshed_at = :startedAt
                  """)
              .param("today", today)
              .param("startedAt", startedAt)
              .update();
          return new Refresh(today, days.size());
        });
  }

  /** The first refresh: every day that has a record opened or closed, before today. */
  private List<LocalDate> everyDayBefore(final LocalDate today) {
    return jdbc.sql(
            """
            SELECT DISTINCT d FROM (
              SELECT CAST(created_at AT TIME ZONE 'UTC' AS date) AS d FROM domain.incident
              UNION SELECT CAST(created_at AT TIME ZONE 'UTC' AS date) FROM domain.request
              UNION SELECT CAST(created_at AT TIME ZONE 'UTC' AS date) FROM domain.change_request
              UNION SELECT CAST(at AT TIME ZONE 'UTC' AS date) FROM domain.incident_audit a
                     WHERE %s
              UNION SELECT CAST(at AT TIME ZONE 'UTC' AS date) FROM domain.request_audit a
                     WHERE %s
              UNION SELECT CAST(at AT TIME ZONE 'UTC' AS date) FROM domain.change_request_audit a
                     WHERE %s) days
             WHERE d < :today ORDER BY d
            """
                .formatted(
                    DayFacts.INCIDENT_RESOLVED, DayFacts.REQUEST_CLOSED, DayFacts.CHANGE_CLOSED))
        .param("today", today)
        .query(LocalDate.class)
        .list();
  }

  private List<LocalDate> changedDays(
      final OffsetDateTime since, final LocalDate today, final int trailingDays) {
    return jdbc.sql(
            """
            SELECT DISTINCT d FROM (
              SELECT CAST(generate_series(
                  CAST(least(:trailingFrom, CAST(:since AT TIME ZONE 'UTC' AS date)) AS timestamp),
                  CAST(:today AS timestamp) - interval '1 day', interval '1 day') AS date) AS d
              UNION SELECT CAST(i.created_at AT TIME ZONE 'UTC' AS date) FROM domain.incident i
                     WHERE i.updated_at >= CAST(:since AS timestamptz) - %1$s
              UNION SELECT CAST(a.at AT TIME ZONE 'UTC' AS date)
                      FROM domain.incident_audit a JOIN domain.incident i ON i.id = a.incident_id
                     WHERE i.updated_at >= CAST(:since AS timestamptz) - %1$s AND %2$s
              UNION SELECT CAST(r.created_at AT TIME ZONE 'UTC' AS date) FROM domain.request r
                     WHERE r.updated_at >= CAST(:since AS timestamptz) - %1$s
              UNION SELECT CAST(a.at AT TIME ZONE 'UTC' AS date)
                      FROM domain.request_audit a JOIN domain.request r ON r.id = a.request_id
                     WHERE r.updated_at >= CAST(:since AS timestamptz) - %1$s AND %3$s
              UNION SELECT CAST(c.created_at AT TIME ZONE 'UTC' AS date) FROM domain.change_request c
                     WHERE c.updated_at >= CAST(:since AS timestamptz) - %1$s
              UNION SELECT CAST(a.at AT TIME ZONE 'UTC' AS date)
                      FROM domain.change_request_audit a
                      JOIN domain.change_request c ON c.id = a.change_request_id
                     WHERE c.updated_at >= CAST(:since AS timestamptz) - %1$s AND %4$s) days
             WHERE d < :today ORDER BY d
            """
                .formatted(
                    OVERLAP,
                    DayFacts.INCIDENT_RESOLVED,
                    DayFacts.REQUEST_CLOSED,
                    DayFacts.CHANGE_CLOSED))
        .param("since", since)
        .param("today", today)
        .param("trailingFrom", today.minusDays(trailingDays))
        .query(LocalDate.class)
        .list();
  }

  /** Replaces one day's summaries by its facts computed from the records now. */
  private void summarise(final LocalDate day) {
    final OffsetDateTime start = OffsetDateTime.of(day.atStartOfDay(), ZoneOffset.UTC);
    final OffsetDateTime end = start.plusDays(1);
    for (final String table :
        List.of("report_day_opened", "report_day_closed", "report_day_resolution")) {
      jdbc.sql("DELETE FROM domain." + table + " WHERE day = :day").param("day", day).update();
    }
    insert("report_day_opened (day, kind, assignment_group, opened)", DayFacts.OPENED, start, end);
    insert(
        "report_day_closed (day, kind, record_id, assignment_group)", DayFacts.CLOSED, start, end);
    insert(
        "report_day_resolution (day, assignment_group, opened, response_seconds, responded,"
            + " resolution_seconds, resolved)",
        DayFacts.RESOLUTION,
        start,
        end);
  }

  private void insert(
      final String into, final String facts, final OffsetDateTime la, final OffsetDateTime lb) {
    jdbc.sql("INSERT INTO domain." + into + " " + facts).param("la", la).param("lb", lb).update();
  }
}
