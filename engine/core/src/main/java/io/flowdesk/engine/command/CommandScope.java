package io.flowdesk.engine.command;

import io.flowdesk.engine.deployment.ProcessDefinition;
import io.flowdesk.engine.deployment.ProcessDefinitions;
import io.flowdesk.engine.execution.BpmnExecution;
import io.flowdesk.engine.execution.CallHierarchy;
import io.flowdesk.engine.job.JobStreams;
import io.flowdesk.engine.model.BpmnEventType;
import io.flowdesk.engine.state.ElementInstance;
import io.flowdesk.engine.state.InstanceState;
import io.flowdesk.engine.state.InstanceStore;
import io.flowdesk.engine.state.ProcessInstanceRow;
import io.flowdesk.engine.state.UserTaskRow;
import io.flowdesk.engine.support.Keys;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The process instances one command touches: the one it runs on and, through call activities, its
 * parents and children. All of them belong to one call hierarchy whose root the command locked, so
 * they are loaded on demand and saved together.
 *
 * <p>Work for another instance (start a child, complete the parent's call activity, end its
 * termination) is queued and done after the current step, so no execution is re-entered while it
 * runs. Two things happen at once: a thrown error or escalation asks the parent, because the
 * thrower must know whether it was caught, and a terminating call activity cancels its child
 * (started first if its start is still queued), because it must know whether canceling listeners
 * hold that child up. A child that threw to its parent may so be canceled while its throw is under
 * way; it does nothing after the throw but return.
 */
final class CommandScope {

  /** One instance the command touches. */
  record Touched(InstanceState state, BpmnExecution execution) {}

  private final JdbcClient jdbc;
  private final InstanceStore store;
  private final ProcessDefinitions definitions;
  private final Keys keys;
  private final BiFunction<InstanceState, ProcessDefinition, BpmnExecution> executions;
  private final Map<Long, Touched> touched = new LinkedHashMap<>();
  private final Deque<Runnable> pending = new ArrayDeque<>();

  /** Queued starts of child instances, by the call activity that starts them. */
  private final Map<Long, Runnable> unstartedChildren = new HashMap<>();

  private final List<JobStreams.Push> pushes = new ArrayList<>();
  private final boolean joinedCallersTransaction;

  CommandScope(
      final JdbcClient jdbc,
      final InstanceStore store,
      final ProcessDefinitions definitions,
      final Keys keys,
      final BiFunction<InstanceState, ProcessDefinition, BpmnExecution> executions,
      final boolean joinedCallersTransaction) {
    this.jdbc = jdbc;
    this.store = store;
    this.definitions = definitions;
    this.keys = keys;
    this.executions = executions;
    this.joinedCallersTransaction = joinedCallersTransaction;
  }

  Touched add(final InstanceState state) {
    final ProcessDefinition definition =
        definitions.byKey(state.processInstance().processDefinitionKey());
    final BpmnExecution execution = executions.apply(state, definition);
    execution.inHierarchy(hierarchyOf(state));
    final Touched added = new Touched(state, execution);
    touched.put(state.processInstance().key(), added);
    return added;
  }

  Collection<Touched> touched() {
    return touched.values();
  }

  /** Whether the command runs in its caller's transaction, which commits after it returned. */
  boolean joinedCallersTransaction() {
    return joinedCallersTransaction;
  }

  /** New jobs the command activated for job streams, to push after the commit. */
  List<JobStreams.Push> pushes() {
    return pushes;
  }

  /** Runs the queued work, and the work it queues, until none is left; answers if there was any. */
  boolean drain() {
    final boolean any = !pending.isEmpty();
    while (!pending.isEmpty()) {
      pending.removeFirst().run();
    }
    return any;
  }

  private Touched get(final long processInstanceKey) {
    final Touched known = touched.get(processInstanceKey);
    if (known != null) {
      return known;
    }
    return add(
        store
            .loadLocked(processInstanceKey)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "Process instance " + processInstanceKey + " of the hierarchy is gone")));
  }

  /** Starts the child of a call activity if its start is still queued. */
  private void startChildOf(final long callActivityKey) {
    final Runnable start = unstartedChildren.remove(callActivityKey);
    if (start != null) {
      start.run();
    }
  }

  private Optional<Touched> runningChildOf(final long callActivityKey) {
    for (final Touched t : touched.values()) {
      final ProcessInstanceRow row = t.state().processInstance();
      if (Long.valueOf(callActivityKey).equals(row.parentElementInstanceKey())
          && !t.state().ended()) {
        return Optional.of(t);
      }
    }
    return jdbc.sql(
            "SELECT key FROM engine.process_instance WHERE parent_element_instance_key = ?"
                + " AND state = 'ACTIVE'")
        .param(callActivityKey)
        .query(Long.class)
        .optional()
        .map(this::get);
  }

  private CallHierarchy hierarchyOf(final InstanceState state) {
    final ProcessInstanceRow row = state.processInstance();
    return new CallHierarchy() {
      @Override
      public void startChild(
          final ElementInstance callActivity,
          final long processDefinitionKey,
          final Map<String, Object> variables) {
        unstartedChildren.put(
            callActivity.key(),
            () -> {
              final ProcessDefinition definition = definitions.byKey(processDefinitionKey);
              final ProcessInstanceRow child =
                  new ProcessInstanceRow(
                      keys.next(),
                      definition.key(),
                      definition.bpmnProcessId(),
                      definition.version(),
                      "ACTIVE",
                      row.key(),
                      callActivity.key(),
                      row.rootKey());
              add(InstanceState.forNewInstance(child)).execution().start(variables);
            });
        pending.add(() -> startChildOf(callActivity.key()));
      }

      @Override
      public List<UserTaskRow> cancelChildOf(final ElementInstance callActivity) {
        // Terminated in the step that activated it: as in Zeebe, its child exists and ends with it.
        startChildOf(callActivity.key());
        return runningChildOf(callActivity.key())
            .map(c -> c.execution().cancelForParent())
            .orElse(List.of());
      }

      @Override
      public List<UserTaskRow> holdingChildOf(final ElementInstance callActivity) {
        return runningChildOf(callActivity.key())
            .map(c -> c.execution().holdingTermination())
            .orElse(List.of());
      }

      @Override
      public void terminatedForParent(final List<Map<String, Object>> continuations) {
        pending.add(
            () ->
                get(row.parentProcessInstanceKey())
                    .execution()
                    .calledInstanceTerminated(row.parentElementInstanceKey(), continuations));
      }

      @Override
      public void completeParent(final Map<String, Object> variables) {
        pending.add(
            () ->
                get(row.parentProcessInstanceKey())
                    .execution()
                    .completeCallActivity(row.parentElementInstanceKey(), variables));
      }

      @Override
      public boolean throwToParent(
          final BpmnEventType type, final String code, final Map<String, Object> variables) {
        return get(row.parentProcessInstanceKey())
            .execution()
            .throwFromChild(row.parentElementInstanceKey(), type, code, variables);
      }
    };
  }
}
