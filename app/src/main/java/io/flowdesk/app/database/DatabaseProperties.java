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
   * The configured pool size, else PostgreSQL's rule of thumb for this machine (two connections per
   * core, a few more for waits on disk), never below ten. More connections than the server has
   * cores to run them makes them queue inside PostgreSQL instead, contending for its locks: on two
   * cores, 32 connections cost the engine's commands about half as much database CPU again as 8.
   */
  public int connectionPoolSize() {
    return poolSize > 0
        ? poolSize
        : Math.max(10, 2 * Runtime.getRuntime().availableProcessors() + 4);
  }
}
