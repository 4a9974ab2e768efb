package io.flowdesk.engine;

import io.flowdesk.engine.access.ApiAccess;
import io.flowdesk.engine.batch.BatchOperations;
import io.flowdesk.engine.command.InstanceCommands;
import io.flowdesk.engine.event.DueTimers;
import io.flowdesk.engine.event.Messages;
import io.flowdesk.engine.gateway.GatewayServer;
import io.flowdesk.engine.health.EngineHealth;
import io.flowdesk.engine.job.HistoryCleanup;
import io.flowdesk.engine.job.JobTimeouts;
import io.flowdesk.engine.metrics.EngineMonitoring;
import io.flowdesk.engine.rest.RestApiServlet;
import io.flowdesk.engine.rest.StandaloneRestServer;
import io.flowdesk.engine.state.CountCompaction;
import io.flowdesk.engine.support.EngineClock;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running engine: its gateways (gRPC, and REST on its own listener or as a servlet for another
 * container), its clock and its background duties. Closing it stops the listeners first, so no
 * command arrives while the rest shuts down.
 */
public final class Engine implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Engine.class);

  private final ApiAccess access;
  private final GatewayServer gateway;
  private final Supplier<RestApiServlet> restApi;
  private final StandaloneRestServer restServer;
  private final EngineClock clock;
  private final JobTimeouts jobTimeouts;
  private final DueTimers dueTimers;
  private final Messages messages;
  private final InstanceCommands instances;
  private final HistoryCleanup historyCleanup;
  private final CountCompaction counts;
  private final BatchOperations batches;
  private final EngineHealth health;
  private final ScheduledExecutorService scheduler;
  private final ExecutorService jobExecutor;
  private final ScheduledExecutorService pollTimers;
  private final EngineMonitoring monitoring;

  Engine(
      final ApiAccess access,
      final GatewayServer gateway,
      final Supplier<RestApiServlet> restApi,
      final StandaloneRestServer restServer,
      final EngineClock clock,
      final JobTimeouts jobTimeouts,
      final DueTimers dueTimers,
      final Messages messages,
      final InstanceCommands instances,
      final HistoryCleanup historyCleanup,
      final CountCompaction counts,
      final BatchOperations batches,
      final EngineHealth health,
      final ExecutorService jobExecutor,
      final ScheduledExecutorService pollTimers,
      final long scanMillis,
      final EngineMonitoring monitoring) {
    this.monitoring = monitoring;
    this.access = access;
    this.gateway = gateway;
    this.restApi = restApi;
    this.restServer = restServer;
    this.pollTimers = pollTimers;
    this.clock = clock;
    this.jobTimeouts = jobTimeouts;
    this.dueTimers = dueTimers;
    this.messages = messages;
    this.instances = instances;
    this.historyCleanup = historyCleanup;
    this.counts = counts;
    this.batches = batches;
    this.health = health;
    this.jobExecutor = jobExecutor;
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              final Thread thread = new Thread(runnable, "flowdesk-engine-timeouts");
              thread.setDaemon(true);
              return thread;
            });
    // Both tasks catch their own failures (the *Safely methods) and end with their schedulers on
    // close, so their futures have nothing to report.
    final var unusedScans =
        scheduler.scheduleWithFixedDelay(
            this::scanSafely, scanMillis, scanMillis, TimeUnit.MILLISECONDS);
    final var unusedTimerScans =
        timerScheduler.scheduleWithFixedDelay(
            this::fireTimersSafely, 0, TIMER_SCAN_MILLIS, TimeUnit.MILLISECONDS);
  }

  /**
   * How often due timers are looked for. Fixed and short: a due timer fires within this much, and
   * looking costs one indexed query when nothing is due.
   */
  private static final long TIMER_SCAN_MILLIS = 100;

  private final ScheduledExecutorService timerScheduler =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            final Thread thread = new Thread(runnable, "flowdesk-engine-timers");
            thread.setDaemon(true);
            return thread;
          });

  private void fireTimersSafely() {
    try {
      dueTimers.runDue();
      messages.removeExpired();
    } catch (RuntimeException e) {
      LOG.warn("Timer scan failed; retrying on the next tick", e);
    }
  }

  /** Fires the timers due now, e.g. right after a test advanced the clock; answers how many. */
  public int runDueTimers() {
    return dueTimers.runDue();
  }

  private void scanSafely() {
    try {
      jobTimeouts.runDue();
    } catch (RuntimeException e) {
      LOG.warn("Job timeout scan failed; retrying on the next tick", e);
    }
    try {
      // Batch operations an engine restart (this one's or another's) left with items to do.
      batches.takeOverInterrupted();
    } catch (RuntimeException e) {
      LOG.warn("Batch operation scan failed; retrying on the next tick", e);
    }
    try {
      counts.run();
    } catch (RuntimeException e) {
      LOG.warn("Folding the counts kept ahead failed; retrying on the next tick", e);
    }
  }

  /**
   * Removes history past the retention now; answers how many instances' history went. The engine
   * does not schedule this itself: its host does (the app with Quartz, so that one node of several
   * runs it), and tests after advancing the clock.
   */
  public int cleanUpHistory() {
    return historyCleanup.runDue();
  }

  /**
   * Folds the changes to the counts kept ahead for the operations console into their totals now
   * (the engine does so on every scan tick); answers how many changes it folded. Reads give the
   * same counts before and after.
   */
  public int compactCounts() {
    return counts.run();
  }

  /**
   * What the engine has waiting (jobs per type, workers seen, timers due, message subscriptions): a
   * Flowdesk-specific read for the host's operations console, as Camunda's /v2 has none.
   */
  public EngineHealth health() {
    return health;
  }

  /** The gRPC port clients connect to. */
  /**
   * The {@code Authorization} header value the application's own camunda client presents: a token
   * made at this start, held in memory only, with every permission.
   */
  public String ownClientAuthorization() {
    return access.ownClientAuthorization();
  }

  public int gatewayPort() {
    return gateway.port();
  }

  /**
   * The {@code /v2} REST API as a servlet, for hosting it in another servlet container (the Spring
   * Boot application maps it at {@link RestApiServlet#MAPPING} on its own port).
   */
  public RestApiServlet restApiServlet() {
    return restApi.get();
  }

  /** The port of the engine's own REST listener; {@link EngineProperties#NO_LISTENER} if none. */
  public int restPort() {
    return restServer == null ? EngineProperties.NO_LISTENER : restServer.port();
  }

  /**
   * The base address of the engine's own REST listener ({@code /v2} is below it), if it has one.
   */
  public Optional<URI> restAddress() {
    return restServer == null
        ? Optional.empty()
        : Optional.of(URI.create("http://" + hostForUri(restServer.host()) + ":" + restPort()));
  }

  private static String hostForUri(final String host) {
    return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
  }

  public EngineClock clock() {
    return clock;
  }

  /** Runs timeouts and back-offs due now, e.g. right after a test advanced the clock. */
  /** Incidents not resolved yet, for the host's monitoring. */
  public long openIncidents() {
    return monitoring.openIncidents();
  }

  public int runDueTimeouts() {
    return jobTimeouts.runDue();
  }

  @Override
  public void close() {
    if (restServer != null) {
      restServer.close();
    }
    gateway.close();
    messages.close();
    instances.close();
    scheduler.shutdownNow();
    timerScheduler.shutdownNow();
    dueTimers.close();
    pollTimers.shutdownNow();
    jobExecutor.shutdownNow();
    monitoring.close();
    try {
      // A scan in progress finishes before the caller closes the data source under it.
      scheduler.awaitTermination(10, TimeUnit.SECONDS);
      timerScheduler.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
