package io.flowdesk.engine.execution;

import io.flowdesk.engine.state.UserTaskRow;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Terminations that Camunda user tasks hold up while their canceling listeners run (Zeebe 8.8: the
 * task's element stays terminating until they completed). What was to happen once the termination
 * ended (a boundary event's flow, an event sub-process, the instance's end …) is a continuation,
 * kept in the pending canceling transition of every task that holds it up, so that it survives the
 * commands in between; the task whose listeners end last lets it run.
 *
 * <p>A call activity's termination waits for the instance it called, so the tasks holding that
 * instance up hold up the caller too and keep the caller's continuations as well: each names the
 * process instance it belongs to, and one an instance does not own is passed on to its parent when
 * the instance has terminated.
 */
final class TerminationHolds {

  /** Where a canceling transition keeps the continuations it holds up. */
  private static final String KEY = "afterTermination";

  /** The process instance a continuation belongs to (absent: the task's own instance). */
  private static final String OWNER = "processInstance";

  private final EngineServices services;
  private final long processInstanceKey;

  /** Tasks that hold up the termination the current command is doing, by task key. */
  private final Map<Long, UserTaskRow> holding = new LinkedHashMap<>();

  TerminationHolds(final EngineServices services, final long processInstanceKey) {
    this.services = services;
    this.processInstanceKey = processInstanceKey;
  }

  /** A task whose canceling listeners now run holds up the current termination. */
  void holdingTask(final UserTaskRow task) {
    holding.putIfAbsent(task.key, task);
  }

  /** Tasks of a called instance hold up the termination of the call activity that called it. */
  void holdingTasks(final Collection<UserTaskRow> tasks) {
    tasks.forEach(this::holdingTask);
  }

  /** The task of an element instance that was already terminating holds it up too. */
  void alreadyHolding(final long elementInstanceKey) {
    services
        .userTaskRows()
        .openOf(elementInstanceKey)
        .filter(task -> task.transition != null && "CANCELING".equals(task.state))
        .ifPresent(this::holdingTask);
  }

  /**
   * The termination the command did is held up: {@code continuation} runs once the tasks holding it
   * up let it go. Named by {@code kind}; {@code root} is the element instance it waits for.
   */
  void hold(final String kind, final long root, final Map<String, Object> details) {
    final Map<String, Object> continuation = new LinkedHashMap<>(details);
    continuation.put("kind", kind);
    continuation.put("root", root);
    continuation.put(OWNER, processInstanceKey);
    for (final UserTaskRow task : holding.values()) {
      continuationsOf(task.transition).add(continuation);
      services.userTaskRows().save(task);
    }
    holding.clear();
  }

  /** Nothing is to happen after the termination but its own end. */
  void release() {
    holding.clear();
  }

  /**
   * The tasks holding up the termination, for the call activity that waits for this instance's end
   * (which keeps its own continuations in them); nothing of this instance is to happen after it.
   */
  List<UserTaskRow> handOver() {
    final List<UserTaskRow> tasks = new ArrayList<>(holding.values());
    holding.clear();
    return tasks;
  }

  /** Whether a continuation belongs to this instance (rather than to one that called it). */
  boolean owns(final Map<String, Object> continuation) {
    final Object owner = continuation.get(OWNER);
    return owner == null || ((Number) owner).longValue() == processInstanceKey;
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
