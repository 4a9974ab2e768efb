package io.flowdesk.engine.job;

import io.flowdesk.engine.support.EngineClock;
import java.sql.Timestamp;
import java.time.Duration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deletes the history of process instances that ended longer ago than the retention: their record
 * log entries, incidents and the instance row. Live instances keep everything. Works in small
 * batches so that it never holds long locks or a long transaction.
 */
public final class HistoryCleanup {

  private static final int BATCH = 1_000;

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final EngineClock clock;
  private final Duration retention;

  public HistoryCleanup(
      final JdbcClient jdbc,
      final TransactionTemplate transactions,
      final EngineClock clock,
      final Duration retention) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.clock = clock;
    this.retention = retention;
  }

  /** Removes all history past the retention; answers how many process instances it removed. */
  public int runDue() {
    final Timestamp cutoff = Timestamp.from(clock.now().minus(retention));
    int removed = 0;
    int batch;
    do {
      batch = transactions.execute(tx -> removeBatch(cutoff));
      removed += batch;
    } while (batch == BATCH);
    return removed;
  }

  private int removeBatch(final Timestamp cutoff) {
    final Long[] ended =
        jdbc.sql(
                "SELECT key FROM engine.process_instance WHERE state <> 'ACTIVE' AND ended_at < ?"
                    + " ORDER BY ended_at LIMIT ? FOR UPDATE SKIP LOCKED")
            .params(cutoff, BATCH)
            .query(Long.class)
            .list()
            .toArray(new Long[0]);
    if (ended.length == 0) {
      return 0;
    }
    jdbc.sql("DELETE FROM engine.record_batch WHERE process_instance_key = ANY(?)")
        .param(ended)
        .update();
    jdbc.sql("DELETE FROM engine.incident WHERE process_instance_key = ANY(?)")
        .param(ended)
        .update();
    jdbc.sql("DELETE FROM engine.process_instance WHERE key = ANY(?)").param(ended).update();
    return ended.length;
  }
}
