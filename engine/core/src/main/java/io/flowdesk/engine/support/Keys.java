package io.flowdesk.engine.support;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Hands out Zeebe-style keys: 64-bit, with the partition id in the top bits (partition 1 here, as
 * the single-partition gateway topology says), so clients that decode keys see what they expect.
 *
 * <p>Each {@code nextval} of the key sequence (which steps by {@value #BLOCK}) reserves a block of
 * keys that this engine hands out from memory: a command needs several keys, and a database round
 * trip for each of them was a large share of what a command cost. Engines sharing the database draw
 * disjoint blocks, so keys stay unique; within one engine they rise in the order they were handed
 * out. Keys left in a block when the engine stops are simply never used.
 */
public final class Keys {

  public static final int PARTITION_ID = 1;
  private static final int PARTITION_BITS_SHIFT = 51;
  private static final long PARTITION_OFFSET = (long) PARTITION_ID << PARTITION_BITS_SHIFT;

  /** The key sequence's increment (migration V1). */
  private static final int BLOCK = 100;

  private final JdbcClient jdbc;
  private long next;
  private long blockEnd;

  public Keys(final JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public long next() {
    while (true) {
      synchronized (this) {
        if (next < blockEnd) {
          return PARTITION_OFFSET + next++;
        }
      }
      // Drawn without holding the monitor: the caller may be waiting for a pooled connection
      // while other threads, each holding one inside its transaction, wait for a key.
      final long start = jdbc.sql("SELECT nextval('engine.key_seq')").query(Long.class).single();
      synchronized (this) {
        // Another thread may have drawn a newer block meanwhile; an older one is dropped so that
        // keys keep rising.
        if (start >= blockEnd) {
          next = start;
          blockEnd = start + BLOCK;
        }
      }
    }
  }
}
