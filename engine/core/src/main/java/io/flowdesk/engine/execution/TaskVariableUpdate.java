package io.flowdesk.engine.execution;

import io.flowdesk.engine.model.TaskListener.EventType;
import io.flowdesk.engine.state.InstanceState;
import io.flowdesk.engine.state.PendingRecord;
import io.flowdesk.engine.state.UserTaskRow;
import io.flowdesk.engine.support.Rejection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Variables set on the element instance of a Camunda user task: as in Camunda 8.8 this is the
 * task's update transition, with {@code variables} as its changed attribute. Without updating
 * listeners the variables are set at once; with them they are kept in the transition ({@value
 * #KEY}: the document and whether it is local) and set after the last listener, or dropped when one
 * denies.
 */
final class TaskVariableUpdate {

  /** Where a pending variable update lives in the task's transition. */
  static final String KEY = "variableUpdate";

  private final InstanceState state;
  private final VariableBehavior variables;
  private final TaskListenerBehavior listeners;

  TaskVariableUpdate(
      final InstanceState state,
      final VariableBehavior variables,
      final TaskListenerBehavior listeners) {
    this.state = state;
    this.variables = variables;
    this.listeners = listeners;
  }

  /**
   * Starts the update transition of the task; answers its id when updating listeners now run, null
   * when the variables were set at once.
   */
  Long start(final UserTaskRow task, final Map<String, Object> document, final boolean local) {
    if (!"CREATED".equals(task.state)) {
      throw Rejection.invalidState(
          "Expected to trigger update transition for user task with key '"
              + task.key
              + "', but it is in state '"
              + task.state
              + "'");
    }
    final Map<String, Object> update = new LinkedHashMap<>();
    update.put("document", new LinkedHashMap<>(document));
    update.put("local", local);
    if (listeners.hasListeners(task, EventType.UPDATING)) {
      return listeners.begin(task, EventType.UPDATING, "update", Map.of(), Map.of(KEY, update));
    }
    apply(task.elementInstanceKey, update);
    final Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("userTaskKey", task.key);
    payload.put("elementInstanceKey", task.elementInstanceKey);
    payload.put("changedAttributes", List.of("variables"));
    payload.put("variables", document);
    state.append(
        new PendingRecord(
            task.key, "USER_TASK", "UPDATED", task.processInstanceKey, task.elementId, payload));
    return null;
  }

  /** Whether the transition carries a variable update. */
  static boolean pendingIn(final Map<String, Object> transition) {
    return transition.get(KEY) instanceof Map<?, ?>;
  }

  /** After the last updating listener: the transition's variables, if any, are set now. */
  static void applyPending(
      final VariableBehavior variables,
      final long elementInstanceKey,
      final Map<String, Object> transition) {
    if (transition.get(KEY) instanceof Map<?, ?> update) {
      apply(variables, elementInstanceKey, update);
    }
  }

  private void apply(final long elementInstanceKey, final Map<?, ?> update) {
    apply(variables, elementInstanceKey, update);
  }

  @SuppressWarnings("unchecked")
  private static void apply(
      final VariableBehavior variables, final long elementInstanceKey, final Map<?, ?> update) {
    final Map<String, Object> document = (Map<String, Object>) update.get("document");
    if (Boolean.TRUE.equals(update.get("local"))) {
      document.forEach((name, value) -> variables.setLocal(elementInstanceKey, name, value));
    } else {
      variables.merge(elementInstanceKey, document);
    }
  }
}
