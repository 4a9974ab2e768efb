package io.flowdesk.engine.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Hands the records an engine appends to whoever taps them (its metrics), once their transaction
 * committed: records of a rolled-back command are never told.
 *
 * <p>The record log is appended to from a dozen places (commands, timers, job polls, timeouts) that
 * hold no engine reference, but always inside a Spring transaction on the engine's data source;
 * that data source, bound to the transaction, says which engine's tap hears them (tests run several
 * engines in one JVM).
 */
public final class RecordTaps {

  private static final Map<DataSource, Consumer<List<PendingRecord>>> TAPS =
      new ConcurrentHashMap<>();

  private RecordTaps() {}

  /** Taps the records appended in transactions on {@code dataSource}, until the returned close. */
  public static AutoCloseable tap(
      final DataSource dataSource, final Consumer<List<PendingRecord>> tap) {
    TAPS.put(dataSource, tap);
    return () -> TAPS.remove(dataSource, tap);
  }

  static void appended(final List<PendingRecord> records) {
    if (TAPS.isEmpty() || !TransactionSynchronizationManager.isSynchronizationActive()) {
      return;
    }
    for (final Map.Entry<DataSource, Consumer<List<PendingRecord>>> entry : TAPS.entrySet()) {
      if (TransactionSynchronizationManager.hasResource(entry.getKey())) {
        final List<PendingRecord> copy = new ArrayList<>(records);
        final Consumer<List<PendingRecord>> tap = entry.getValue();
        TransactionSynchronizationManager.registerSynchronization(
            new TransactionSynchronization() {
              @Override
              public void afterCommit() {
                tap.accept(copy);
              }
            });
        return;
      }
    }
  }
}
