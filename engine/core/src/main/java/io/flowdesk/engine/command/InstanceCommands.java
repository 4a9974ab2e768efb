package io.flowdesk.engine.command;

import io.flowdesk.engine.deployment.ProcessDefinition;
import io.flowdesk.engine.deployment.ProcessDefinitions;
import io.flowdesk.engine.execution.BpmnExecution;
import io.flowdesk.engine.execution.EngineServices;
import io.flowdesk.engine.state.InstanceState;
import io.flowdesk.engine.state.InstanceStore;
import io.flowdesk.engine.state.NewJob;
import io.flowdesk.engine.state.PendingRecord;
import io.flowdesk.engine.state.ProcessInstanceRow;
import io.flowdesk.engine.support.Rejection;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs a command against one process instance: one transaction, the instance row locked, the
 * execution applied in memory, the changes written back, and listeners told after the commit.
 */
public final class InstanceCommands {

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final InstanceStore store;
  private final ProcessDefinitions definitions;
  private final EngineServices services;
  private final EngineEvents events;

  public InstanceCommands(
      final JdbcClient jdbc,
      final TransactionTemplate transactions,
      final InstanceStore store,
      final ProcessDefinitions definitions,
      final EngineServices services,
      final EngineEvents events) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.store = store;
    this.definitions = definitions;
    this.services = services;
    this.events = events;
  }

  /** A command's answer and the instance state it left, for the listeners after commit. */
  private record Outcome<T>(T value, InstanceState state) {}

  /**
   * Creates and starts an instance. {@code onEnd}, if given, hears of the instance's end; it is
   * registered before the instance exists, so even an instant end is not missed.
   */
  public ProcessInstanceRow create(
      final ProcessDefinition definition,
      final Map<String, Object> variables,
      final BiConsumer<Long, Map<String, Object>> onEnd) {
    if (definition.executable().noneStartEvent().isEmpty()) {
      throw Rejection.invalidState(
          "Expected to create instance of process with none start event, but there is no such"
              + " event");
    }
    final ProcessInstanceRow row =
        new ProcessInstanceRow(
            services.keys().next(),
            definition.key(),
            definition.bpmnProcessId(),
            definition.version(),
            "ACTIVE");
    final InstanceState state = InstanceState.forNewInstance(row);
    if (onEnd != null) {
      events.onInstanceEnded(row.key(), onEnd);
    }
    try {
      transactions.executeWithoutResult(
          tx -> {
            final BpmnExecution execution = execution(state, definition);
            execution.start(variables);
            store.save(state, services.clock().now());
          });
    } catch (RuntimeException e) {
      events.removeEndListener(row.key());
      throw e;
    }
    published(state);
    return row;
  }

  /**
   * Runs {@code command} on the locked, loaded instance; {@code notFound} names the problem when
   * the instance does not exist or has ended.
   */
  public <T> T onInstance(
      final long processInstanceKey,
      final Function<Long, Rejection> notFound,
      final BiFunction<InstanceState, BpmnExecution, T> command) {
    return run(
        () -> store.lockAndLoad(processInstanceKey),
        () -> notFound.apply(processInstanceKey),
        command);
  }

  /** Runs {@code command} on the instance the job belongs to; locking it needs no extra lookup. */
  public <T> T onInstanceOfJob(
      final long jobKey,
      final Supplier<Rejection> notFound,
      final BiFunction<InstanceState, BpmnExecution, T> command) {
    return run(() -> store.lockAndLoadOfJob(jobKey), notFound, command);
  }

  private <T> T run(
      final Supplier<Optional<InstanceState>> lockAndLoad,
      final Supplier<Rejection> notFound,
      final BiFunction<InstanceState, BpmnExecution, T> command) {
    final Outcome<T> outcome =
        transactions.execute(
            tx -> {
              final InstanceState state =
                  lockAndLoad.get().filter(s -> s.processInstance().active()).orElseThrow(notFound);
              final ProcessDefinition definition =
                  definitions.byKey(state.processInstance().processDefinitionKey());
              final T value = command.apply(state, execution(state, definition));
              store.save(state, services.clock().now());
              return new Outcome<>(value, state);
            });
    published(outcome.state());
    return outcome.value();
  }

  /** The process instance an element instance (or the process instance itself) belongs to. */
  public long processInstanceOf(
      final long elementInstanceKey, final Function<Long, Rejection> notFound) {
    return jdbc.sql("SELECT process_instance_key FROM engine.element_instance WHERE key = ?")
        .param(elementInstanceKey)
        .query(Long.class)
        .optional()
        .orElseThrow(() -> notFound.apply(elementInstanceKey));
  }

  public EngineEvents events() {
    return events;
  }

  private BpmnExecution execution(final InstanceState state, final ProcessDefinition definition) {
    final BpmnExecution execution = new BpmnExecution(state, definition.executable(), services);
    execution.onTerminate(
        instance -> {
          for (final long jobKey :
              jdbc.sql("DELETE FROM engine.job WHERE element_instance_key = ? RETURNING key")
                  .param(instance.key())
                  .query(Long.class)
                  .list()) {
            state.append(
                new PendingRecord(
                    jobKey,
                    "JOB",
                    "CANCELED",
                    state.processInstance().key(),
                    instance.elementId(),
                    Map.of("elementInstanceKey", instance.key())));
          }
          state.newJobs().removeIf(job -> job.elementInstanceKey() == instance.key());
          for (final long incidentKey :
              jdbc.sql(
                      "UPDATE engine.incident SET state = 'RESOLVED' WHERE element_instance_key = ?"
                          + " AND state = 'CREATED' RETURNING key")
                  .param(instance.key())
                  .query(Long.class)
                  .list()) {
            state.append(
                new PendingRecord(
                    incidentKey,
                    "INCIDENT",
                    "RESOLVED",
                    state.processInstance().key(),
                    instance.elementId(),
                    Map.of("elementInstanceKey", instance.key())));
          }
        });
    return execution;
  }

  private void published(final InstanceState state) {
    for (final NewJob job : state.newJobs()) {
      events.jobsAvailable(job.type());
    }
    if (state.finalVariables() != null) {
      events.instanceEnded(
          state.processInstance().key(), state.completed() ? state.finalVariables() : null);
    }
  }
}
