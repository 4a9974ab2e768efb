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
import io.flowdesk.engine.support.Keys;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
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
 * <p>Work for another instance (start a child, cancel it, complete the parent's call activity) is
 * queued and done after the current step, so no execution is re-entered while it runs; only a
 * thrown error or escalation asks the parent at once, because the thrower must know whether it was
 * caught.
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
        pending.add(
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
      }

      @Override
      public void cancelChildOf(final ElementInstance callActivity) {
        pending.add(
            () -> runningChildOf(callActivity.key()).ifPresent(c -> c.execution().cancel()));
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
