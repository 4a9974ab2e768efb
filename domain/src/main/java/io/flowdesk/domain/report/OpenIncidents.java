package io.flowdesk.domain.report;

import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The incident backlog as monitoring reads it: open incidents per priority, and how many of them
 * breached their response or resolution target. One grouped query over the state index.
 */
public class OpenIncidents {

  /** Open incidents of one priority ({@code none} when not set yet). */
  public record ByPriority(String priority, long open, long breached) {}

  private final JdbcClient jdbc;

  public OpenIncidents(final DataSource dataSource) {
    this.jdbc = JdbcClient.create(dataSource);
  }

  public List<ByPriority> byPriority() {
    return jdbc.sql(
            """
            SELECT coalesce(priority, 'none'), count(*),
                   count(*) FILTER (WHERE response_breached OR resolution_breached)
              FROM domain.incident WHERE state IN ('NEW', 'IN_PROGRESS', 'ON_HOLD')
             GROUP BY 1 ORDER BY 1
            """)
        .query((rs, n) -> new ByPriority(rs.getString(1), rs.getLong(2), rs.getLong(3)))
        .list();
  }
}
