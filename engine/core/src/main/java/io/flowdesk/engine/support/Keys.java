package io.flowdesk.engine.support;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Hands out Zeebe-style keys: 64-bit, with the partition id in the top bits (partition 1 here, as
 * the single-partition gateway topology says), so clients that decode keys see what they expect.
 */
public final class Keys {

  public static final int PARTITION_ID = 1;
  private static final int PARTITION_BITS_SHIFT = 51;
  private static final long PARTITION_OFFSET = (long) PARTITION_ID << PARTITION_BITS_SHIFT;

  private final JdbcClient jdbc;

  public Keys(final JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public long next() {
    return PARTITION_OFFSET
        + jdbc.sql("SELECT nextval('engine.key_seq')").query(Long.class).single();
  }
}
