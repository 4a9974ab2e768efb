package io.flowdesk.engine;

import io.flowdesk.engine.access.ApiAccess;
import io.flowdesk.engine.batch.BatchOperations;
import io.flowdesk.engine.command.CommandCore;
import io.flowdesk.engine.command.IncidentCommands;
import io.flowdesk.engine.command.InstanceCommands;
import io.flowdesk.engine.command.ProcessInstanceService;
import io.flowdesk.engine.decision.DecisionEvaluations;
import io.flowdesk.engine.decision.DeployedDecisions;
import io.flowdesk.engine.deployment.DeployedForms;
import io.flowdesk.engine.deployment.DeploymentListener;
import io.flowdesk.engine.deployment.DeploymentService;
import io.flowdesk.engine.deployment.ProcessDefinitionDetailsMigration;
import io.flowdesk.engine.deployment.ProcessDefinitions;
import io.flowdesk.engine.deployment.ResourceDeletion;
import io.flowdesk.engine.deployment.StartForms;
import io.flowdesk.engine.deployment.bpmn.BpmnTransformer;
import io.flowdesk.engine.dmn.DmnDecisions;
import io.flowdesk.engine.event.BufferedMessages;
import io.flowdesk.engine.event.DueTimers;
import io.flowdesk.engine.event.EventCommands;
import io.flowdesk.engine.event.Messages;
import io.flowdesk.engine.event.Signals;
import io.flowdesk.engine.event.StartEventSubscriptions;
import io.flowdesk.engine.execution.EngineServices;
import io.flowdesk.engine.feel.FeelEvaluator;
import io.flowdesk.engine.gateway.GatewayServer;
import io.flowdesk.engine.gateway.ZeebeGatewayService;
import io.flowdesk.engine.health.EngineHealth;
import io.flowdesk.engine.job.HistoryCleanup;
import io.flowdesk.engine.job.JobActivator;
import io.flowdesk.engine.job.JobCommands;
import io.flowdesk.engine.job.JobPolling;
import io.flowdesk.engine.job.JobStreams;
import io.flowdesk.engine.job.JobTimeouts;
import io.flowdesk.engine.job.WorkerSightings;
import io.flowdesk.engine.metrics.EngineMetrics;
import io.flowdesk.engine.metrics.EngineMonitoring;
import io.flowdesk.engine.metrics.RecordMetrics;
import io.flowdesk.engine.rest.BatchItemActions;
import io.flowdesk.engine.rest.RestApi;
import io.flowdesk.engine.rest.RestApiServlet;
import io.flowdesk.engine.rest.StandaloneRestServer;
import io.flowdesk.engine.state.CountCompaction;
import io.flowdesk.engine.state.InstanceStore;
import io.flowdesk.engine.state.RecordTaps;
import io.flowdesk.engine.state.UserTaskRows;
import io.flowdesk.engine.support.EngineClock;
import io.flowdesk.engine.support.EngineEvents;
import io.flowdesk.engine.support.Keys;
import io.flowdesk.engine.support.Lazy;
import io.flowdesk.engine.support.Topology;
import io.flowdesk.engine.usertask.TransitionWait;
import io.flowdesk.engine.usertask.UserTaskCommands;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Assembles and starts an engine on a data source: migrates the {@code engine} schema, wires the
 * command core and opens the gateways over it. Spring's auto-configuration and the test extension
 * both use it.
 */
public final class EngineBootstrap {

  /** The gateway version clients see in the topology: the camunda API level the engine serves. */
  public static final String GATEWAY_VERSION = "8.8.0";

  private EngineBootstrap() {}

  private static void migrate(final DataSource dataSource) {
    Flyway.configure()
        .dataSource(dataSource)
        .schemas("engine")
        .locations("classpath:db/migration/engine")
        .javaMigrations(new ProcessDefinitionDetailsMigration())
        .load()
        .migrate();
  }

  /**
   * Starts an engine: the gRPC gateway on {@code grpcHost:grpcPort}, and the REST API on the
   * engine's own listener unless {@link EngineProperties#restPort()} is {@link
   * EngineProperties#NO_LISTENER} (then it is served by whoever hosts {@link
   * Engine#restApiServlet()}). Refuses listeners that other machines can reach when no credentials
   * are configured.
   */
  public static Engine start(
      final DataSource dataSource, final EngineProperties properties, final EngineClock clock) {
    return start(dataSource, properties, clock, List.of());
  }

  /**
   * Starts an engine as {@link #start(DataSource, EngineProperties, EngineClock)} does, telling
   * {@code deploymentListeners} of every deployment and resource deletion.
   */
  public static Engine start(
      final DataSource dataSource,
      final EngineProperties properties,
      final EngineClock clock,
      final List<DeploymentListener> deploymentListeners) {
    return start(dataSource, properties, clock, deploymentListeners, EngineMetrics.NONE);
  }

  /**
   * Starts an engine as {@link #start(DataSource, EngineProperties, EngineClock, List)} does,
   * telling {@code metrics} of the engine's work (calls, instances, jobs, timers, messages).
   */
  public static Engine start(
      final DataSource dataSource,
      final EngineProperties properties,
      final EngineClock clock,
      final List<DeploymentListener> deploymentListeners,
      final EngineMetrics metrics) {
    final ApiAccess access = ApiAccess.forEngine(properties.credentials(), properties.security());
    migrate(dataSource);
    final JdbcClient jdbc = JdbcClient.create(dataSource);
    final JdbcTemplate batch = new JdbcTemplate(dataSource);
    final TransactionTemplate transactions =
        new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    final Keys keys = new Keys(jdbc);
    final FeelEvaluator feel = new FeelEvaluator(clock::now, properties.feel());
    final BpmnTransformer bpmn = new BpmnTransformer(feel::parseError);
    final DmnDecisions dmn = new DmnDecisions(properties.feel());
    final ProcessDefinitions definitions = new ProcessDefinitions(jdbc, bpmn);
    final DeployedDecisions decisions = new DeployedDecisions(jdbc, dmn);
    final EngineEvents events = new EngineEvents();
    final DeployedForms forms = new DeployedForms(jdbc);
    final EngineServices services =
        new EngineServices(
            keys, clock, feel, decisions, forms, definitions, new UserTaskRows(jdbc));
    final JobActivator activator =
        new JobActivator(
            jdbc, batch, transactions, clock, events, new WorkerSightings(jdbc, clock));
    final JobStreams jobStreams = new JobStreams(activator);
    final InstanceCommands instances =
        new InstanceCommands(
            jdbc,
            transactions,
            new InstanceStore(jdbc, batch),
            definitions,
            services,
            events,
            new BufferedMessages(jdbc, batch),
            jobStreams);
    final StartEventSubscriptions startEvents =
        new StartEventSubscriptions(jdbc, keys, clock, feel);
    final Messages messages =
        new Messages(
            jdbc,
            batch,
            transactions,
            keys,
            clock,
            instances,
            definitions,
            new BufferedMessages(jdbc, batch));
    final Signals signals = new Signals(jdbc, batch, keys, clock, instances, definitions);
    instances.onSignalThrown(signal -> signals.broadcast(signal.name(), signal.variables()));
    final EventCommands eventCommands =
        new EventCommands(messages, signals, new UserTaskCommands(jdbc, instances, clock));
    final ExecutorService jobExecutor = Executors.newCachedThreadPool(daemon("flowdesk-jobs"));
    final ScheduledExecutorService pollTimers =
        Executors.newSingleThreadScheduledExecutor(daemon("flowdesk-job-polls"));
    final CommandCore core =
        new CommandCore(
            new DeploymentService(
                jdbc,
                batch,
                transactions,
                keys,
                clock,
                bpmn,
                dmn,
                startEvents,
                deploymentListeners),
            new ResourceDeletion(
                jdbc,
                batch,
                transactions,
                clock,
                definitions,
                decisions,
                startEvents,
                deploymentListeners),
            new ProcessInstanceService(definitions, instances, new TransitionWait(jdbc)),
            new IncidentCommands(jdbc, instances),
            new JobCommands(jdbc, instances, clock, events),
            activator,
            new JobPolling(activator, events, pollTimers, jobExecutor),
            jobStreams,
            events,
            new DecisionEvaluations(decisions, keys),
            new Topology(properties.grpcHost(), GATEWAY_VERSION),
            eventCommands,
            new StartForms(definitions, forms),
            new BatchOperations(jdbc, transactions, keys, clock, jobExecutor));
    core.batches().actWith(new BatchItemActions(core));
    final Lazy<RestApiServlet> restApi =
        new Lazy<>(() -> RestApi.servlet(core, jdbc, access, properties.security(), metrics));
    final GatewayServer gateway =
        GatewayServer.start(
            properties.grpcHost(),
            properties.grpcPort(),
            new ZeebeGatewayService(core, jobExecutor),
            access,
            metrics);
    core.topology().listeningOn(gateway.port());
    StandaloneRestServer restServer = null;
    if (properties.restPort() != EngineProperties.NO_LISTENER) {
      try {
        restServer =
            StandaloneRestServer.start(
                properties.restHost(), properties.restPort(), restApi.get(), access);
      } catch (RuntimeException e) {
        gateway.close();
        jobExecutor.shutdownNow();
        pollTimers.shutdownNow();
        throw e;
      }
    }
    return new Engine(
        access,
        gateway,
        restApi,
        restServer,
        clock,
        new JobTimeouts(jdbc, batch, transactions, clock, events),
        new DueTimers(jdbc, batch, transactions, keys, clock, instances, definitions),
        messages,
        instances,
        new HistoryCleanup(jdbc, transactions, clock, properties.historyRetention()),
        new CountCompaction(jdbc),
        core.batches(),
        new EngineHealth(jdbc, clock),
        jobExecutor,
        pollTimers,
        properties.jobTimeoutScanMillis(),
        new EngineMonitoring(
            jdbc,
            RecordTaps.tap(
                dataSource,
                records -> new RecordMetrics(metrics).committed(records, clock.now()))));
  }

  private static ThreadFactory daemon(final String name) {
    return runnable -> {
      final Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }
}
