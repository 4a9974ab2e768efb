package io.flowdesk.domain.change.conflict;

import io.flowdesk.domain.record.RecordText;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Blackout windows (table {@code domain.blackout_window}): periods in which no change should be
 * made, globally, on one CI or on a business service and what it depends on. Change managers and
 * administrators keep them (the app checks who); conflict detection reads them. Deleting one also
 * drops the conflicts it caused (they no longer hold).
 */
public class BlackoutWindows {

  /** How deep a business service's blackout reaches into what it depends on. */
  public static final int SERVICE_DEPTH = 5;

  public static final int NAME = 160;

  private static final String COLUMNS = "id, name, scope, ci_id, starts_at, ends_at";

  private final JdbcClient jdbc;

  public BlackoutWindows(final DataSource dataSource) {
    this.jdbc = JdbcClient.create(dataSource);
  }

  /** A blackout window as listed: with its CI's name and who created it. */
  public record Listed(BlackoutWindow window, String ciName, String createdBy) {}

  /**
   * Stores a blackout window.
   *
   * @throws InvalidBlackoutException naming the field: name missing or too long, no scope, a CI for
   *     a global one or none for the others, an unknown CI, a SERVICE blackout on a CI that is not
   *     a service, a period that ends before it starts
   */
  public BlackoutWindow create(
      final String name,
      final BlackoutScope scope,
      final UUID ciId,
      final Instant start,
      final Instant end,
      final String createdBy) {
    if (name == null || name.isBlank()) {
      throw new InvalidBlackoutException("name", "is required");
    }
    if (name.strip().length() > NAME) {
      throw new InvalidBlackoutException("name", "may have at most " + NAME + " characters");
    }
    if (scope == null) {
      throw new InvalidBlackoutException("scope", "is required: GLOBAL, CI or SERVICE");
    }
    if (scope == BlackoutScope.GLOBAL && ciId != null) {
      throw new InvalidBlackoutException("ciId", "a global blackout window names no CI");
    }
    if (scope != BlackoutScope.GLOBAL) {
      requireCi(scope, ciId);
    }
    if (start == null) {
      throw new InvalidBlackoutException("start", "is required");
    }
    if (end == null) {
      throw new InvalidBlackoutException("end", "is required");
    }
    if (!end.isAfter(start)) {
      throw new InvalidBlackoutException("end", "must be after the start " + start);
    }
    RecordText.required("createdBy", createdBy, RecordText.NAME);
    final long id =
        jdbc.sql(
                """
                INSERT INTO domain.blackout_window (name, scope, ci_id, starts_at, ends_at, created_by)
                VALUES (:name, :scope, :ci, :start, :end, :by) RETURNING id
                """)
            .param("name", name.strip())
            .param("scope", scope.name())
            .param("ci", ciId)
            .param("start", Timestamp.from(start))
            .param("end", Timestamp.from(end))
            .param("by", createdBy)
            .query(Long.class)
            .single();
    return new BlackoutWindow(id, name.strip(), scope, ciId, micros(start), micros(end));
  }

  private void requireCi(final BlackoutScope scope, final UUID ciId) {
    if (ciId == null) {
      throw new InvalidBlackoutException(
          "ciId",
          scope == BlackoutScope.CI
              ? "a CI blackout window names its CI"
              : "a service blackout window names its business service");
    }
    final Optional<Boolean> service =
        jdbc.sql(
                "SELECT k.service FROM domain.ci c JOIN domain.ci_class k ON k.name = c.class_name"
                    + " WHERE c.id = :id")
            .param("id", ciId)
            .query(Boolean.class)
            .optional();
    if (service.isEmpty()) {
      throw new InvalidBlackoutException("ciId", "no CI has the id " + ciId);
    }
    if (scope == BlackoutScope.SERVICE && !service.get()) {
      throw new InvalidBlackoutException(
          "ciId", "CI " + ciId + " is not a business service or application");
    }
  }

  /** Removes a blackout window; answers it, or empty when there was none with that id. */
  public Optional<BlackoutWindow> delete(final long id) {
    return jdbc.sql("DELETE FROM domain.blackout_window WHERE id = :id RETURNING " + COLUMNS)
        .param("id", id)
        .query(BlackoutWindows::map)
        .optional();
  }

  public Optional<BlackoutWindow> find(final long id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM domain.blackout_window WHERE id = :id")
        .param("id", id)
        .query(BlackoutWindows::map)
        .optional();
  }

  /** The blackout windows overlapping {@code [from, to)}, earliest first. */
  public List<BlackoutWindow> overlapping(final Instant from, final Instant to) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM domain.blackout_window WHERE starts_at < :to AND ends_at > :from"
                + " ORDER BY starts_at, id")
        .param("from", Timestamp.from(from))
        .param("to", Timestamp.from(to))
        .query(BlackoutWindows::map)
        .list();
  }

  /** Every blackout window that has not ended before {@code since}, earliest first. */
  public List<Listed> since(final Instant since) {
    return jdbc.sql(
            """
            SELECT b.id, b.name, b.scope, b.ci_id, b.starts_at, b.ends_at, b.created_by,
                   c.name AS ci_name
            FROM domain.blackout_window b LEFT JOIN domain.ci c ON c.id = b.ci_id
            WHERE b.ends_at > :since ORDER BY b.starts_at, b.id
            """)
        .param("since", Timestamp.from(since))
        .query(
            (row, n) ->
                new Listed(map(row, n), row.getString("ci_name"), row.getString("created_by")))
        .list();
  }

  static BlackoutWindow map(final ResultSet row, final int n) throws SQLException {
    return new BlackoutWindow(
        row.getLong("id"),
        row.getString("name"),
        BlackoutScope.valueOf(row.getString("scope")),
        row.getObject("ci_id", UUID.class),
        row.getTimestamp("starts_at").toInstant(),
        row.getTimestamp("ends_at").toInstant());
  }

  private static Instant micros(final Instant instant) {
    return instant.truncatedTo(ChronoUnit.MICROS);
  }
}
