package io.flowdesk.app.database;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The database Flowdesk keeps its state in. Bound from {@code FLOWDESK_DB_URL}, {@code
 * FLOWDESK_DB_USER} and {@code FLOWDESK_DB_PASSWORD}; without a URL Flowdesk starts its own
 * PostgreSQL under {@code <FLOWDESK_DATA_DIR>/postgres}.
 *
 * @param url JDBC URL of an external PostgreSQL; empty means "start the embedded one"
 * @param embeddedPort port of the embedded PostgreSQL; 0 picks a free one at every start
 */
@ConfigurationProperties("flowdesk.db")
public record DatabaseProperties(
    String url,
    @DefaultValue("flowdesk") String user,
    @DefaultValue("") String password,
    @DefaultValue("0") int embeddedPort) {

  public boolean external() {
    return url != null && !url.isBlank();
  }
}
