package io.flowdesk.engine.command;

import io.flowdesk.engine.deployment.ProcessDefinition;
import io.flowdesk.engine.deployment.ProcessDefinitions;
import io.flowdesk.engine.event.BufferedMessages;
import io.flowdesk.engine.execution.BpmnExecution;
import io.flowdesk.engine.execution.EngineServices;
import io.flowdesk.engine.instance.ProcessInstanceCommands;
import io.flowdesk.engine.job.JobStreams;
import io.flowdesk.engine.state.InstanceState;
import io.flowdesk.engine.state.InstanceStore;
import io.flowdesk.engine.state.NewJob;
import io.flowdesk.engine.state.PendingRecord;
import io.flowdesk.engine.state.ProcessInstanceRow;
import io.flowdesk.engine.support.EngineEvents;
import io.flowdesk.engine.support.Rejection;
import io.flowdesk.engine.support.WriteGroups;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs a command against one process instance: one transaction, the instance row locked, the
 * execution applied in memory, the changes written back, and listeners told after the commit.
 */
public final class InstanceCommands implements ProcessInstanceCommands, AutoCloseable {

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final InstanceStore store;
  private final ProcessDefinitions definitions;
  private final EngineServices services;
  private final EngineEvents events;
  private final BufferedMessages bufferedMessages;
  private final JobStreams jobStreams;
  private Consumer<BpmnExecution.ThrownSignal> signalBroadcast = signal -> {};
  private final WriteGroups<Creation, CommandScope> creations;

  public InstanceCommands(
      final JdbcClient jdbc,
      final TransactionTemplate transactions,
      final InstanceStore store,
      final ProcessDefinitions definitions,
      final EngineServices services,
      final EngineEvents events,
      final BufferedMessages bufferedMessages,
      final JobStreams jobStreams) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.store = store;
    this.definitions = definitions;
    this.services = services;
    this.events = events;
    this.bufferedMessages = bufferedMessages;
    this.jobStreams = jobStreams;
    this.creations =
        new WriteGroups<>(
            "instance creations",
            Math.max(2, Runtime.getRuntime().availableProcessors()),
            this::createTogether);
  }

  /** An instance to create, with the row it gets and how it starts. */
  private record Creation(
      ProcessInstanceRow row, Set<String> tags, Consumer<BpmnExecution> start) {}

  /** Where signals thrown by throw and end events go once their command committed. */
  public void onSignalThrown(final Consumer<BpmnExecution.ThrownSignal> broadcast) {
    this.signalBroadcast = broadcast;
  }

  /** A command's answer and the instances it touched, for the listeners after commit. */
  private record Outcome<T>(T value, CommandScope scope) {}

  /**
   * Creates and starts an instance: at its none start event, or before the elements {@code
   * startBefore} names (start instructions). {@code onEnd}, if given, hears of the instance's end;
   * it is registered before the instance exists, so even an instant end is not missed. {@code tags}
   * are stored with the instance as given.
   */
  public ProcessInstanceRow create(
      final ProcessDefinition definition,
      final Map<String, Object> variables,
      final List<String> startBefore,
      final Set<String> tags,
      final BiConsumer<Long, Map<String, Object>> onEnd) {
    if (!startBefore.isEmpty()) {
      return create(
          definition, tags, onEnd, execution -> execution.startBefore(variables, startBefore));
    }
    if (definition.executable().noneStartEvent().isEmpty()) {
      throw Rejection.invalidState(
          "Expected to create instance of process with none start event, but there is no such"
              + " event");
    }
    return create(definition, tags, onEnd, execution -> execution.start(variables));
  }

  /**
   * Creates an instance that starts at a timer, message or signal start event; joins the caller's
   * transaction when there is one, so the trigger and the new instance commit together.
   */
  @Override
  public ProcessInstanceRow createAt(
      final ProcessDefinition definition,
      final String startEventId,
      final Map<String, Object> variables) {
    return create(
        definition, Set.of(), null, execution -> execution.startAt(startEventId, variables));
  }

  private ProcessInstanceRow create(
      final ProcessDefinition definition,
      final Set<String> tags,
      final BiConsumer<Long, Map<String, Object>> onEnd,
      final Consumer<BpmnExecution> start) {
    final ProcessInstanceRow row =
        new ProcessInstanceRow(
            services.keys().next(),
            definition.key(),
            definition.bpmnProcessId(),
            definition.version(),
            "ACTIVE");
    if (onEnd != null) {
      events.onInstanceEnded(row.key(), onEnd);
    }
    final Creation creation = new Creation(row, tags, start);
    final CommandScope scope;
    try {
      // Creations that arrive together commit together, as message publications do; one inside a
      // caller's transaction (a start event's trigger) commits with it instead.
      scope =
          TransactionSynchronizationManager.isActualTransactionActive()
              ? createAlone(creation)
              : creations.write(creation).orElseGet(() -> createAlone(creation));
    } catch (RuntimeException e) {
      events.removeEndListener(row.key());
      throw e;
    }
    published(scope);
    return row;
  }

  private CommandScope createAlone(final Creation creation) {
    return DeadlockRetry.run(
        () ->
            transactions.execute(
                tx -> {
                  final CommandScope created = scope(tx.isNewTransaction());
                  creation.start().accept(start(created, creation));
                  finish(created, true);
                  return created;
                }));
  }

  private static BpmnExecution start(final CommandScope scope, final Creation creation) {
    return scope.add(InstanceState.forNewInstance(creation.row(), creation.tags())).execution();
  }

  /**
   * Creates a group of instances in one transaction, each after a savepoint: one that fails is
   * rolled back to its savepoint and answered empty, to be created alone (and refused with its own
   * error) once the group committed; the others are not affected. New instances lock no row another
   * command could hold, so the group waits for nobody but what each creation waits for alone.
   */
  private List<Optional<CommandScope>> createTogether(final List<Creation> group) {
    return transactions.execute(
        tx -> {
          final List<Optional<CommandScope>> outcomes = new ArrayList<>(group.size());
          for (int i = 0; i < group.size(); i++) {
            final String savepoint = "creation_" + i;
            jdbc.sql("SAVEPOINT " + savepoint).update();
            try {
              final CommandScope created = scope(true);
              group.get(i).start().accept(start(created, group.get(i)));
              finish(created, true);
              outcomes.add(Optional.of(created));
            } catch (RuntimeException e) {
              jdbc.sql("ROLLBACK TO SAVEPOINT " + savepoint).update();
              outcomes.add(Optional.empty());
            }
          }
          return outcomes;
        });
  }

  /** Stops the writers of creation groups; a creation still waiting is refused. */
  @Override
  public void close() {
    creations.close();
  }

  /**
   * Runs {@code command} on the locked, loaded instance; {@code notFound} names the problem when
   * the instance does not exist or has ended.
   */
  @Override
  public <T> T onInstance(
      final long processInstanceKey,
      final Function<Long, Rejection> notFound,
      final BiFunction<InstanceState, BpmnExecution, T> command) {
    return run(
        () -> store.lockAndLoad(processInstanceKey),
        () -> notFound.apply(processInstanceKey),
        command);
  }

  /**
   * Runs {@code command}, in the caller's transaction, on an instance that transaction has locked
   * and loaded already ({@link io.flowdesk.engine.state.InstanceStore#queueLockAndLoad}). When the
   * caller holds a message's lock, the command waits for no other: a subscription it opens whose
   * message lock another transaction holds fails it with {@link CannotAcquireLockException}, and
   * the caller's transaction must roll back.
   */
  @Override
  public <T> T onLockedInstance(
      final InstanceState locked,
      final boolean callerHoldsMessageLock,
      final Function<Long, Rejection> notFound,
      final BiFunction<InstanceState, BpmnExecution, T> command) {
    if (!TransactionSynchronizationManager.isActualTransactionActive()) {
      throw new IllegalStateException(
          "A locked instance is used outside the transaction locking it");
    }
    if (!locked.processInstance().active()) {
      throw notFound.apply(locked.processInstance().key());
    }
    // Not through the transaction template, which would mark the caller's transaction for
    // rollback if the command fails: a caller may roll back to a savepoint and go on.
    final CommandScope scope = scope(false);
    final T value = command.apply(locked, scope.add(locked).execution());
    finish(scope, !callerHoldsMessageLock);
    published(scope);
    return value;
  }

  /** Runs {@code command} on the instance the job belongs to; locking it needs no extra lookup. */
  @Override
  public <T> T onInstanceOfJob(
      final long jobKey,
      final Supplier<Rejection> notFound,
      final BiFunction<InstanceState, BpmnExecution, T> command) {
    return run(() -> store.lockAndLoadOfJob(jobKey), notFound, true, command);
  }

  /**
   * As {@link #onInstanceOfJob}, also when the instance has ended: the canceling listeners of a
   * canceled instance's user tasks still run.
   */
  @Override
  public <T> T onEndedInstanceOfJob(
      final long jobKey,
      final Supplier<Rejection> notFound,
      final BiFunction<InstanceState, BpmnExecution, T> command) {
    return run(() -> store.lockAndLoadOfJob(jobKey), notFound, false, command);
  }

  private <T> T run(
      final Supplier<Optional<InstanceState>> lockAndLoad,
      final Supplier<Rejection> notFound,
      final BiFunction<InstanceState, BpmnExecution, T> command) {
    return run(lockAndLoad, notFound, true, command);
  }

  private <T> T run(
      final Supplier<Optional<InstanceState>> lockAndLoad,
      final Supplier<Rejection> notFound,
      final boolean activeOnly,
      final BiFunction<InstanceState, BpmnExecution, T> command) {
    final Outcome<T> outcome =
        DeadlockRetry.run(
            () ->
                transactions.execute(
                    tx -> {
                      final InstanceState state =
                          lockAndLoad
                              .get()
                              .filter(s -> !activeOnly || s.processInstance().active())
                              .orElseThrow(notFound);
                      final CommandScope scope = scope(tx.isNewTransaction());
                      final long definitionKey = state.processInstance().processDefinitionKey();
                      final T value = command.apply(state, scope.add(state).execution());
                      if (state.processInstance().processDefinitionKey() != definitionKey) {
                        // Migrated: what the command still does (correlating a buffered message
                        // to a subscription it opened) runs on the new definition.
                        scope.add(state);
                      }
                      finish(scope, true);
                      return new Outcome<>(value, scope);
                    }));
    published(outcome.scope());
    return outcome.value();
  }

  private CommandScope scope(final boolean ownTransaction) {
    return new CommandScope(
        jdbc, store, definitions, services.keys(), this::execution, !ownTransaction);
  }

  /**
   * Runs the work the command queued for other instances of the hierarchy, correlates buffered
   * messages to subscriptions it opened (which may queue more), then saves every instance touched.
   */
  private void finish(final CommandScope scope, final boolean mayWaitForMessageLocks) {
    boolean more = true;
    while (more) {
      scope.drain();
      for (final CommandScope.Touched t : List.copyOf(scope.touched())) {
        if (!t.state().newMessageSubscriptions().isEmpty()) {
          bufferedMessages.correlateTo(
              t.state(), t.execution(), services.clock().now(), mayWaitForMessageLocks);
        }
      }
      more = scope.drain();
    }
    final Instant now = services.clock().now();
    for (final CommandScope.Touched t : scope.touched()) {
      final InstanceState state = t.state();
      scope.pushes().addAll(jobStreams.activateNewJobs(state, now));
      if (state.finalVariables() != null
          && definitions
              .byKey(state.processInstance().processDefinitionKey())
              .executable()
              .hasMessageStartEvent()) {
        // The next message with the same correlation key may start an instance again.
        jdbc.sql("DELETE FROM engine.message_start_instance WHERE process_instance_key = ?")
            .param(state.processInstance().key())
            .update();
      }
      store.save(state, now);
    }
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

  /**
   * Tells what the command did: pushes the jobs it activated for streams, wakes polls for the
   * others, broadcasts thrown signals, reports ended instances. A command that joined its caller's
   * transaction (an instance a trigger starts, a message correlated as it is published) tells it
   * once that transaction committed: a worker must not get a job, nor a caller a result, that
   * nobody else can see yet or that a rollback takes back.
   */
  private void published(final CommandScope scope) {
    if (scope.joinedCallersTransaction()) {
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCommit() {
              publishedNow(scope);
            }
          });
    } else {
      publishedNow(scope);
    }
  }

  private void publishedNow(final CommandScope scope) {
    jobStreams.deliver(scope.pushes());
    final Set<String> jobTypes = new LinkedHashSet<>();
    for (final CommandScope.Touched t : scope.touched()) {
      published(t.state(), t.execution());
      for (final NewJob job : t.state().newJobs()) {
        if (t.state().claimOfNewJob(job.key()).isEmpty()) {
          jobTypes.add(job.type());
        }
      }
    }
    jobTypes.forEach(events::jobsAvailable);
  }

  private void published(final InstanceState state, final BpmnExecution execution) {
    execution.thrownSignals().forEach(signalBroadcast);
    if (state.finalVariables() != null) {
      events.instanceEnded(
          state.processInstance().key(), state.completed() ? state.finalVariables() : null);
    }
  }
}
