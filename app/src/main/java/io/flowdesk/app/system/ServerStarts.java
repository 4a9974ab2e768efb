package io.flowdesk.app.system;

import java.time.Instant;
import java.time.OffsetDateTime;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The history of this installation's starts: when it was first started and how often since. It is
 * what proves to an operator (and to the restart tests) that the data survived.
 */
@Component
public class ServerStarts {

  private final JdbcClient jdbc;
  private final String version;

  ServerStarts(final JdbcClient jdbc, final FlowdeskVersion version) {
    this.jdbc = jdbc;
    this.version = version.value();
  }

  @EventListener(ApplicationReadyEvent.class)
  void recordStart() {
    jdbc.sql("INSERT INTO flowdesk.server_start (version) VALUES (?)").param(version).update();
  }

  public Summary summary() {
    return jdbc.sql(
            "SELECT count(*) AS starts, min(started_at) AS first_start FROM flowdesk.server_start")
        .query(
            (row, rowNumber) ->
                new Summary(
                    row.getLong("starts"),
                    row.getObject("first_start", OffsetDateTime.class) == null
                        ? null
                        : row.getObject("first_start", OffsetDateTime.class).toInstant()))
        .single();
  }

  /**
   * @param starts completed starts, this one included once it is ready
   * @param firstStart when this installation first started; null before the first start completes
   */
  public record Summary(long starts, Instant firstStart) {}
}
