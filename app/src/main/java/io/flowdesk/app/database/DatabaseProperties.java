package io.flowdesk.app.database;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The database Flowdesk keeps its state in. Bound from {@code FLOWDESK_DB_URL}, {@code
 * FLOWDESK_DB_USER}, {@code FLOWDESK_DB_PASSWORD} and {@code FLOWDESK_DB_POOL_SIZE}; without a URL
 * Flowdesk starts its own PostgreSQL under {@code <FLOWDESK_DATA_DIR>/postgres}.
 *
 * @param url JDBC URL of an external PostgreSQL; empty means "start the embedded one"
 * @param embeddedPort port of the embedded PostgreSQL; 0 picks a free one at every start
 * @param poolSize most connections held open; 0 sizes the pool by this machine's cores
 */
@ConfigurationProperties("flowdesk.db")
public record DatabaseProperties(
    String url,
    @DefaultValue("flowdesk") String user,
    @DefaultValue("") String password,
    @DefaultValue("0") int embeddedPort,
    @DefaultValue("0") int poolSize) {

  public boolean external() {
    return url != null && !url.isBlank();
  }

  /**
   * The configured pool size, else 32, or four per core on a machine with more than eight. Most of
   * a command's time is its wait for the commit to reach the disk, and commits in flight together
   * share one flush: on two cores the engine completed 10-20 % more job-driven instances with 32
   * connections than with 10 (bench/). Message publications, which paid for many connections in
   * database CPU, are written in groups by a few threads and no longer contend.
   */
  public int connectionPoolSize() {
    return poolSize > 0 ? poolSize : Math.max(32, 4 * Runtime.getRuntime().availableProcessors());
  }
}
