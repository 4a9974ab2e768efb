package io.flowdesk.engine.execution;

import io.flowdesk.engine.state.UserTaskRow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Terminations that Camunda user tasks hold up while their canceling listeners run (Zeebe 8.8: the
 * task's element stays terminating until they completed). What was to happen once the termination
 * ended (a boundary event's flow, an event sub-process, the instance's end …) is a continuation,
 * kept in the pending canceling transition of every task that holds it up, so that it survives the
 * commands in between; the task whose listeners end last lets it run.
 */
final class TerminationHolds {

  /** Where a canceling transition keeps the continuations it holds up. */
  private static final String KEY = "afterTermination";

  private final EngineServices services;

  /** Tasks that hold up the termination the current command is doing. */
  private final List<UserTaskRow> holding = new ArrayList<>();

  TerminationHolds(final EngineServices services) {
    this.services = services;
  }

  /** A task whose canceling listeners now run holds up the current termination. */
  void holdingTask(final UserTaskRow task) {
    holding.add(task);
  }

  /** The task of an element instance that was already terminating holds it up too. */
  void alreadyHolding(final long elementInstanceKey) {
    services
        .userTaskRows()
        .openOf(elementInstanceKey)
        .filter(task -> task.transition != null && "CANCELING".equals(task.state))
        .ifPresent(holding::add);
  }

  /**
   * The termination the command did is held up: {@code continuation} runs once the tasks holding it
   * up let it go. Named by {@code kind}; {@code root} is the element instance it waits for.
   */
  void hold(final String kind, final long root, final Map<String, Object> details) {
    final Map<String, Object> continuation = new LinkedHashMap<>(details);
    continuation.put("kind", kind);
    continuation.put("root", root);
    for (final UserTaskRow task : holding) {
      continuationsOf(task.transition).add(continuation);
      services.userTaskRows().save(task);
    }
    holding.clear();
  }

  /** Nothing is to happen after the termination but its own end. */
  void release() {
    holding.clear();
  }

  /** The continuations a canceling transition holds up (a live list). */
  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> continuationsOf(final Map<String, Object> transition) {
    return (List<Map<String, Object>>)
        transition.computeIfAbsent(KEY, k -> new ArrayList<Map<String, Object>>());
  }

  static String kind(final Map<String, Object> continuation) {
    return (String) continuation.get("kind");
  }

  static long key(final Map<String, Object> continuation, final String name) {
    return ((Number) continuation.get(name)).longValue();
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> variables(final Map<String, Object> continuation) {
    final Object vars = continuation.get("variables");
    return vars instanceof Map<?, ?> map
        ? new LinkedHashMap<>((Map<String, Object>) map)
        : new LinkedHashMap<>();
  }
}
