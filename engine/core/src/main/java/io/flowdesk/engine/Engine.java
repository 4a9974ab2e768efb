package io.flowdesk.engine;

import io.flowdesk.engine.gateway.GatewayServer;
import io.flowdesk.engine.job.HistoryCleanup;
import io.flowdesk.engine.job.JobTimeouts;
import io.flowdesk.engine.support.EngineClock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running engine: its gateway, its clock and its background duties. Closing it stops the gateway
 * first, so no command arrives while the rest shuts down.
 */
public final class Engine implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Engine.class);

  private final GatewayServer gateway;
  private final EngineClock clock;
  private final JobTimeouts jobTimeouts;
  private final HistoryCleanup historyCleanup;
  private final ScheduledExecutorService scheduler;
  private final ExecutorService streamExecutor;

  Engine(
      final GatewayServer gateway,
      final EngineClock clock,
      final JobTimeouts jobTimeouts,
      final HistoryCleanup historyCleanup,
      final ExecutorService streamExecutor,
      final long scanMillis) {
    this.gateway = gateway;
    this.clock = clock;
    this.jobTimeouts = jobTimeouts;
    this.historyCleanup = historyCleanup;
    this.streamExecutor = streamExecutor;
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              final Thread thread = new Thread(runnable, "flowdesk-engine-timeouts");
              thread.setDaemon(true);
              return thread;
            });
    scheduler.scheduleWithFixedDelay(
        this::scanSafely, scanMillis, scanMillis, TimeUnit.MILLISECONDS);
  }

  private void scanSafely() {
    try {
      jobTimeouts.runDue();
    } catch (RuntimeException e) {
      LOG.warn("Job timeout scan failed; retrying on the next tick", e);
    }
  }

  private void cleanUpSafely() {
    try {
      final int removed = historyCleanup.runDue();
      if (removed > 0) {
        LOG.info("Removed the history of {} ended process instances past retention", removed);
      }
    } catch (RuntimeException e) {
      LOG.warn("History cleanup failed; retrying later", e);
    }
  }

  /** Removes history past the retention now, e.g. after a test advanced the clock. */
  public int cleanUpHistory() {
    return historyCleanup.runDue();
  }

  /** The gRPC port clients connect to. */
  public int gatewayPort() {
    return gateway.port();
  }

  public EngineClock clock() {
    return clock;
  }

  /** Runs timeouts and back-offs due now, e.g. right after a test advanced the clock. */
  public int runDueTimeouts() {
    return jobTimeouts.runDue();
  }

  @Override
  public void close() {
    gateway.close();
    scheduler.shutdownNow();
    streamExecutor.shutdownNow();
    try {
      // A scan in progress finishes before the caller closes the data source under it.
      scheduler.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
