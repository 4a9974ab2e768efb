package io.flowdesk.engine.command;

import io.flowdesk.engine.deployment.ProcessDefinition;
import io.flowdesk.engine.deployment.ProcessDefinitions;
import io.flowdesk.engine.execution.AdHocActivation;
import io.flowdesk.engine.execution.BpmnExecution;
import io.flowdesk.engine.execution.Migration;
import io.flowdesk.engine.execution.Modification;
import io.flowdesk.engine.state.ElementInstance;
import io.flowdesk.engine.state.ProcessInstanceRow;
import io.flowdesk.engine.support.Rejection;
import io.flowdesk.engine.usertask.TransitionWait;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Creating, cancelling and changing the variables of process instances. */
public final class ProcessInstanceService {

  private final ProcessDefinitions definitions;
  private final InstanceCommands instances;
  private final TransitionWait transitions;

  public ProcessInstanceService(
      final ProcessDefinitions definitions,
      final InstanceCommands instances,
      final TransitionWait transitions) {
    this.definitions = definitions;
    this.instances = instances;
    this.transitions = transitions;
  }

  /** How long a creation with result waits when the request names no timeout. */
  public static final Duration DEFAULT_RESULT_TIMEOUT = Duration.ofSeconds(20);

  /**
   * How a client names the process to start: a definition key, or an id with a version; a {@code
   * version} of zero or less means the latest version, as the client's -1 does.
   */
  public record ProcessSelector(long definitionKey, String bpmnProcessId, int version) {}

  /** A finished instance and the variables it ended with. */
  public record Result(ProcessInstanceRow instance, Map<String, Object> variables) {}

  /**
   * Creates an instance; {@code startBefore} lists the elements of start instructions, empty to
   * start at the none start event; {@code tags} are checked by {@link InstanceTags} first.
   */
  public ProcessInstanceRow create(
      final ProcessSelector selector,
      final Map<String, Object> variables,
      final List<String> startBefore,
      final Collection<String> tags) {
    final Set<String> checked = InstanceTags.of(tags);
    return instances.create(resolve(selector), variables, startBefore, checked, null);
  }

  /**
   * Creates an instance and answers when it ends, as CreateProcessInstanceWithResult does. The
   * future fails with a TIMEOUT rejection when the instance runs longer than {@code requestTimeout}
   * (zero or less: {@link #DEFAULT_RESULT_TIMEOUT}), and with an INVALID_STATE rejection when it is
   * terminated; the instance goes on either way. Creation itself is refused synchronously.
   */
  public CompletableFuture<Result> createWithResult(
      final ProcessSelector selector,
      final Map<String, Object> variables,
      final List<String> startBefore,
      final Set<String> fetchVariables,
      final Duration requestTimeout,
      final Collection<String> tags) {
    final Set<String> checked = InstanceTags.of(tags);
    final Duration timeout =
        requestTimeout.isZero() || requestTimeout.isNegative()
            ? DEFAULT_RESULT_TIMEOUT
            : requestTimeout;
    final CompletableFuture<Map<String, Object>> ended = new CompletableFuture<>();
    final ProcessInstanceRow row =
        instances.create(
            resolve(selector),
            variables,
            startBefore,
            checked,
            (key, finalVariables) -> ended.complete(finalVariables));
    return ended
        .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .handle(
            (all, error) -> {
              // A result that never came must not keep its waiter registered.
              instances.events().removeEndListener(row.key());
              if (error != null) {
                throw new Rejection(
                    Rejection.Type.TIMEOUT,
                    "Expected process instance '"
                        + row.key()
                        + "' to complete within "
                        + timeout.toMillis()
                        + " ms, but it did not; it goes on running");
              }
              if (all == null) {
                throw Rejection.invalidState(
                    "Expected to receive the result of process instance '"
                        + row.key()
                        + "', but it was terminated before it completed");
              }
              return new Result(row, fetched(all, fetchVariables));
            });
  }

  private static Map<String, Object> fetched(
      final Map<String, Object> all, final Set<String> fetchVariables) {
    if (fetchVariables.isEmpty()) {
      return all;
    }
    final Map<String, Object> fetched = new LinkedHashMap<>();
    all.forEach(
        (name, value) -> {
          if (fetchVariables.contains(name)) {
            fetched.put(name, value);
          }
        });
    return fetched;
  }

  public void cancel(final long processInstanceKey) {
    instances.onInstance(
        processInstanceKey,
        key ->
            Rejection.notFound(
                "Expected to cancel a process instance with key '"
                    + key
                    + "', but no such process was found"),
        (state, execution) -> {
          if (state.processInstance().hasParent()) {
            throw Rejection.invalidState(
                "Expected to cancel a process instance with key '"
                    + processInstanceKey
                    + "', but it is created by a parent process instance. Cancel the root process"
                    + " instance '"
                    + state.processInstance().rootKey()
                    + "' instead.");
          }
          if (execution.terminating()) {
            // Canceled already; its user tasks' canceling listeners still run (as Zeebe refuses).
            throw Rejection.notFound(
                "Expected to cancel a process instance with key '"
                    + processInstanceKey
                    + "', but no such process was found");
          }
          execution.cancel();
          return null;
        });
  }

  /** Activates and terminates elements of a running instance, all or nothing. */
  public void modify(final long processInstanceKey, final Modification modification) {
    instances.onInstance(
        processInstanceKey,
        key ->
            Rejection.notFound(
                "Expected to modify a process instance with key '"
                    + key
                    + "', but no such process was found"),
        (state, execution) -> {
          execution.modify(modification);
          return null;
        });
  }

  /**
   * Activates elements in a running ad-hoc sub-process instance (Camunda's ad-hoc activities API),
   * all or nothing.
   */
  public void activateAdHocActivities(final long adHocKey, final AdHocActivation activation) {
    final java.util.function.Function<Long, Rejection> notFound =
        key ->
            Rejection.notFound(
                "Expected to activate elements in ad-hoc sub-process instance '"
                    + key
                    + "', but no such element instance was found");
    final long processInstanceKey = instances.processInstanceOf(adHocKey, notFound);
    instances.onInstance(
        processInstanceKey,
        key -> notFound.apply(adHocKey),
        (state, execution) -> {
          execution.activateAdHocElements(adHocKey, activation);
          return null;
        });
  }

  /**
   * Moves a running instance onto another process definition as the mapping instructions say, all
   * or nothing (Camunda 8.8's process instance migration).
   */
  public void migrate(final long processInstanceKey, final Migration migration) {
    final ProcessDefinition target;
    try {
      target = definitions.startable(migration.targetProcessDefinitionKey());
    } catch (Rejection notFound) {
      throw Rejection.notFound(
          "Expected to migrate process instance '"
              + processInstanceKey
              + "' to process definition '"
              + migration.targetProcessDefinitionKey()
              + "', but no process definition was found with that key");
    }
    instances.onInstance(
        processInstanceKey,
        key ->
            Rejection.notFound(
                "Expected to migrate a process instance with key '"
                    + key
                    + "', but no such process instance was found"),
        (state, execution) -> {
          execution.migrate(migration, target.executable(), target.version());
          return null;
        });
  }

  public void setVariables(
      final long elementInstanceKey, final Map<String, Object> variables, final boolean local) {
    final java.util.function.Function<Long, Rejection> notFound =
        key ->
            Rejection.notFound(
                "Expected to update variables for element with key '"
                    + key
                    + "', but no such element was found");
    final long processInstanceKey = instances.processInstanceOf(elementInstanceKey, notFound);
    final BpmnExecution.PendingTransition update =
        instances.onInstance(
            processInstanceKey,
            key -> notFound.apply(elementInstanceKey),
            (state, execution) -> {
              if (state
                  .elementInstance(elementInstanceKey)
                  .filter(i -> i.state() != ElementInstance.State.TERMINATING)
                  .isEmpty()) {
                throw notFound.apply(elementInstanceKey);
              }
              return execution.setVariablesFromClient(elementInstanceKey, variables, local);
            });
    if (update != null) {
      // Like the user task commands, the caller learns whether the updating listeners let it be.
      transitions.await(
          update.userTaskKey(),
          update.id(),
          TransitionWait.forCommand(
              update.userTaskKey(),
              "update variables of",
              "variable update",
              reason ->
                  Rejection.invalidState(
                      "Variable update for user task instance with key '"
                          + elementInstanceKey
                          + "' was denied by a task listener"
                          + (reason == null ? "" : ". Reason to deny: '" + reason + "'"))));
    }
  }

  private ProcessDefinition resolve(final ProcessSelector selector) {
    if (selector.definitionKey() > 0) {
      return definitions.startable(selector.definitionKey());
    }
    if (selector.bpmnProcessId() == null || selector.bpmnProcessId().isBlank()) {
      throw Rejection.invalidArgument(
          "Expected either a process definition key or a BPMN process id, but none given");
    }
    return selector.version() <= 0
        ? definitions.latestVersion(selector.bpmnProcessId())
        : definitions.version(selector.bpmnProcessId(), selector.version());
  }
}
