package io.flowdesk.engine.metrics;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An engine's monitoring: ends its record tap when the engine closes, and answers the figures a
 * host reads when it is scraped rather than counts as things happen.
 */
public final class EngineMonitoring implements AutoCloseable {

  private final JdbcClient jdbc;
  private final AutoCloseable recordTap;

  public EngineMonitoring(final JdbcClient jdbc, final AutoCloseable recordTap) {
    this.jdbc = jdbc;
    this.recordTap = recordTap;
  }

  /** Incidents not resolved yet (an indexed count). */
  public long openIncidents() {
    return jdbc.sql("SELECT count(*) FROM engine.incident WHERE state = 'CREATED'")
        .query(Long.class)
        .single();
  }

  @Override
  public void close() {
    try {
      recordTap.close();
    } catch (Exception e) {
      throw new IllegalStateException("Cannot end the engine's record tap", e);
    }
  }
}
