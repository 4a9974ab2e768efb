package io.flowdesk.domain.problem;

import io.flowdesk.domain.change.AffectedCi;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Finds recurring incidents: at least {@code minimum} incidents on the same configuration item (or
 * of the same category) opened within a window ending now, none of them linked to a problem yet,
 * and no open problem about that CI (or category) already. Each cluster found is what a proposed
 * problem is raised for. Plain SQL: one grouping query per rule over the incidents' CI links and
 * creation times.
 */
public class RecurringIncidents {

  /** What incidents are grouped by. */
  public enum GroupBy {
    CI,
    CATEGORY
  }

  /**
   * Incidents that recur: on CI {@code ci} (null when grouped by category) or of {@code category}
   * (null when grouped by CI), oldest first.
   */
  public record Cluster(GroupBy by, AffectedCi ci, String category, List<String> incidents) {
    public Cluster {
      incidents = List.copyOf(incidents);
    }
  }

  private final JdbcClient sql;
  private final Clock clock;

  RecurringIncidents(final DataSource dataSource, final Clock clock) {
    this.sql = JdbcClient.create(dataSource);
    this.clock = clock;
  }

  /**
   * @throws IllegalArgumentException a minimum below 2 (one incident does not recur) or a window
   *     that is not positive
   */
  public List<Cluster> find(final GroupBy by, final int minimum, final Duration window) {
    if (minimum < 2) {
      throw new IllegalArgumentException("minimumIncidents must be at least 2, was " + minimum);
    }
    if (window == null || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("window must be a positive duration, was " + window);
    }
    final OffsetDateTime since =
        OffsetDateTime.ofInstant(clock.instant().minus(window), ZoneOffset.UTC);
    return by == GroupBy.CI ? byCi(minimum, since) : byCategory(minimum, since);
  }

  private List<Cluster> byCi(final int minimum, final OffsetDateTime since) {
    return sql.sql(
            """
            SELECT l.ci_id, c.name, array_agg(i.number ORDER BY i.created_at, i.id) AS numbers
              FROM domain.incident i
              JOIN domain.incident_ci l ON l.incident_id = i.id
              JOIN domain.ci c ON c.id = l.ci_id
             WHERE i.created_at >= :since
               AND NOT EXISTS (SELECT 1 FROM domain.problem_incident pi
                                WHERE pi.incident_number = i.number)
               AND NOT EXISTS (SELECT 1 FROM domain.problem_ci pc
                                 JOIN domain.problem p ON p.id = pc.problem_id
                                WHERE pc.ci_id = l.ci_id
                                  AND p.state NOT IN ('RESOLVED', 'CLOSED', 'CANCELED'))
             GROUP BY l.ci_id, c.name
            HAVING count(*) >= :minimum
             ORDER BY min(i.created_at)
            """)
        .param("since", since)
        .param("minimum", minimum)
        .query(
            (rs, n) ->
                new Cluster(
                    GroupBy.CI,
                    new AffectedCi(rs.getObject("ci_id", UUID.class), rs.getString("name")),
                    null,
                    numbers(rs.getArray("numbers"))))
        .list();
  }

  private List<Cluster> byCategory(final int minimum, final OffsetDateTime since) {
    return sql.sql(
            """
            SELECT i.category, array_agg(i.number ORDER BY i.created_at, i.id) AS numbers
              FROM domain.incident i
             WHERE i.created_at >= :since
               AND i.category IS NOT NULL
               AND NOT EXISTS (SELECT 1 FROM domain.problem_incident pi
                                WHERE pi.incident_number = i.number)
               AND NOT EXISTS (SELECT 1 FROM domain.problem p
                                WHERE p.category = i.category
                                  AND p.state NOT IN ('RESOLVED', 'CLOSED', 'CANCELED'))
             GROUP BY i.category
            HAVING count(*) >= :minimum
             ORDER BY min(i.created_at)
            """)
        .param("since", since)
        .param("minimum", minimum)
        .query(
            (rs, n) ->
                new Cluster(
                    GroupBy.CATEGORY,
                    null,
                    rs.getString("category"),
                    numbers(rs.getArray("numbers"))))
        .list();
  }

  private static List<String> numbers(final java.sql.Array array) throws java.sql.SQLException {
    return Arrays.asList((String[]) array.getArray());
  }
}
