package io.flowdesk.engine.execution;

import io.flowdesk.engine.model.ExecutableProcess;
import io.flowdesk.engine.model.TaskListener;
import io.flowdesk.engine.model.TaskListener.EventType;
import io.flowdesk.engine.state.InstanceState;
import io.flowdesk.engine.state.NewJob;
import io.flowdesk.engine.state.NewUserTask;
import io.flowdesk.engine.state.PendingRecord;
import io.flowdesk.engine.state.UserTaskRow;
import io.flowdesk.engine.support.Rejection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Lifecycle transitions of Camunda user tasks with task listeners: the task enters the transition's
 * intermediate state (CREATING … CANCELING), the listeners of its event run one after another as
 * jobs, each seeing the task as the transition and the corrections so far make it, and after the
 * last one the transition is applied with every correction; a listener may deny it instead, which
 * leaves the task as it was.
 *
 * <p>A transition's pending state lives in the task row ({@code transition}): {@code id}, {@code
 * event}, {@code action}, the requested attribute {@code changes}, the {@code corrections} so far,
 * the completion's {@code variables} and, while creating, the {@code assignee} the process gave,
 * which is assigned once the task exists (through the assigning listeners, as in Zeebe).
 */
final class TaskListenerBehavior {

  /** What the element does when a transition that concerns it ends. */
  interface Element {
    void created(long elementInstanceKey);

    void completed(long elementInstanceKey, Map<String, Object> variables);

    /**
     * A listener's job could not be created: the transition waits for the incident's resolution.
     */
    void incident(long elementInstanceKey, Failure failure);

    /**
     * The canceling listeners of the task completed: the element's termination, which they held up,
     * ends, and what waited for it ({@code continuations}) goes on.
     */
    void canceled(long elementInstanceKey, List<Map<String, Object>> continuations);
  }

  private final InstanceState state;
  private final ExecutableProcess process;
  private final EngineServices services;
  private final VariableBehavior variables;
  private final ExpressionBehavior expressions;
  private final Element element;

  TaskListenerBehavior(
      final InstanceState state,
      final ExecutableProcess process,
      final EngineServices services,
      final VariableBehavior variables,
      final ExpressionBehavior expressions,
      final Element element) {
    this.state = state;
    this.process = process;
    this.services = services;
    this.variables = variables;
    this.expressions = expressions;
    this.element = element;
  }

  private List<TaskListener> listeners(final UserTaskRow row, final EventType event) {
    return process.element(row.elementId).userTask().listeners(event);
  }

  /**
   * Stores a new task of an element with task listeners. Answers whether its creating listeners run
   * now; otherwise it is created at once and the caller continues with {@link #created}.
   */
  boolean create(final NewUserTask task) {
    final boolean creating = !listeners(rowOf(task), EventType.CREATING).isEmpty();
    final boolean assignLater =
        task.assignee() != null && (creating || hasListeners(task, EventType.ASSIGNING));
    final NewUserTask stored =
        new NewUserTask(
            task.key(),
            task.processInstanceKey(),
            task.elementInstanceKey(),
            task.elementId(),
            task.name(),
            task.bpmnProcessId(),
            task.processDefinitionKey(),
            task.processDefinitionVersion(),
            assignLater ? null : task.assignee(),
            task.candidateGroups(),
            task.candidateUsers(),
            task.dueDate(),
            task.followUpDate(),
            task.priority(),
            task.formKey(),
            task.externalFormReference(),
            task.customHeaders(),
            creating ? EventType.CREATING.name() : "CREATED");
    final UserTaskRow row = services.userTaskRows().insert(stored, services.clock().now());
    final Map<String, Object> transition = new LinkedHashMap<>();
    if (assignLater) {
      transition.put("assignee", task.assignee());
    }
    if (creating) {
      record(row, "CREATING", Map.of());
      begin(row, EventType.CREATING, "", Map.of(), transition);
      return true;
    }
    record(row, "CREATED", Map.of());
    pendingAssignee = assignLater ? task.assignee() : null;
    pendingRow = row;
    return false;
  }

  private String pendingAssignee;
  private UserTaskRow pendingRow;

  /** The task of an element without creating listeners exists: its process assignee follows. */
  void created() {
    final UserTaskRow row = pendingRow;
    final String assignee = pendingAssignee;
    pendingRow = null;
    pendingAssignee = null;
    if (row != null && assignee != null) {
      assignCreated(row, assignee);
    }
  }

  private void assignCreated(final UserTaskRow row, final String assignee) {
    if (listeners(row, EventType.ASSIGNING).isEmpty()) {
      row.assignee = assignee;
      services.userTaskRows().save(row);
      record(row, "ASSIGNED", Map.of("assignee", assignee));
      return;
    }
    begin(row, EventType.ASSIGNING, "assign", Map.of("assignee", assignee), Map.of());
  }

  private boolean hasListeners(final NewUserTask task, final EventType event) {
    return !process.element(task.elementId()).userTask().listeners(event).isEmpty();
  }

  private static UserTaskRow rowOf(final NewUserTask task) {
    return UserTaskRow.of(task);
  }

  /** Whether a transition of this event has listeners to wait for. */
  boolean hasListeners(final UserTaskRow row, final EventType event) {
    return !listeners(row, event).isEmpty();
  }

  /**
   * Starts a transition and runs its first listener (or applies it at once when it has none).
   * Answers the transition's id, by which its outcome is found.
   */
  long begin(
      final UserTaskRow row,
      final EventType event,
      final String action,
      final Map<String, Object> changes,
      final Map<String, Object> extra) {
    final long id = services.keys().next();
    final Map<String, Object> transition = new LinkedHashMap<>(extra);
    transition.put("id", id);
    transition.put("event", event.name());
    transition.put("action", action);
    transition.put("changes", new LinkedHashMap<>(changes));
    transition.put("corrections", new LinkedHashMap<>());
    row.transition = transition;
    row.transitionOutcome = null;
    row.listenerIndex = 0;
    row.state = event.name();
    if (event != EventType.CREATING) {
      record(row, event.name(), changes);
    }
    next(row);
    return id;
  }

  /** Runs the next listener of the transition, or applies the transition after the last one. */
  @SuppressWarnings("unchecked")
  private void next(final UserTaskRow row) {
    final EventType event = eventOf(row);
    if (event == EventType.CANCELING) {
      final List<Map<String, Object>> jobs = (List<Map<String, Object>>) row.transition.get("jobs");
      if (row.listenerIndex < jobs.size()) {
        services.userTaskRows().save(row);
        final Map<String, Object> job = jobs.get(row.listenerIndex);
        addJob(row, event, (String) job.get("type"), ((Number) job.get("retries")).longValue());
        return;
      }
      finish(row, event);
      return;
    }
    final List<TaskListener> listeners = listeners(row, event);
    if (row.listenerIndex < listeners.size()) {
      services.userTaskRows().save(row);
      try {
        createJob(row, event, listeners.get(row.listenerIndex));
      } catch (Failure.Raised raised) {
        element.incident(row.elementInstanceKey, raised.failure());
      }
      return;
    }
    finish(row, event);
  }

  /** A listener's job of the task's current transition completed. */
  void listenerCompleted(
      final long jobKey,
      final long elementInstanceKey,
      final EventType event,
      final Map<String, Object> jobVariables,
      final JobResult result) {
    final UserTaskRow row =
        services
            .userTaskRows()
            .openOf(elementInstanceKey)
            .filter(r -> r.transition != null && eventOf(r) == event)
            .orElseThrow(
                () ->
                    Rejection.invalidState(
                        "Expected to complete task listener job with key '"
                            + jobKey
                            + "', but its user task is no longer "
                            + event.name()));
    if (!jobVariables.isEmpty()) {
      throw Rejection.invalidArgument(
          "Expected to complete task listener job with key '"
              + jobKey
              + "' without variables, but variables were given; task listeners cannot set"
              + " variables");
    }
    if (result.denied()) {
      if (!event.deniable()) {
        throw Rejection.invalidArgument(
            "Expected to complete task listener job with key '"
                + jobKey
                + "', but it denies the "
                + event.bpmnName()
                + " transition, which cannot be denied (only assigning, updating and completing"
                + " can)");
      }
      deny(row, event, result.deniedReason());
      return;
    }
    TaskCorrections.take(row, jobKey, event, result.corrections(), corrections(row));
    row.listenerIndex++;
    next(row);
  }

  /**
   * The task's element is terminating: its canceling listeners run one after another, and the
   * element stays terminating until they completed. Answers the task when they now run, null when
   * it had none to run (it is canceled at once). Their types and retries are evaluated now, while
   * the element is still whole; a listener whose expressions fail is skipped, as a terminating
   * element takes no incident for them.
   */
  UserTaskRow cancel(final long elementInstanceKey) {
    final UserTaskRow row = services.userTaskRows().openOf(elementInstanceKey).orElse(null);
    if (row == null) {
      return null;
    }
    final List<Map<String, Object>> jobs = new ArrayList<>();
    for (final TaskListener listener : listeners(row, EventType.CANCELING)) {
      final Map<String, Object> job = new LinkedHashMap<>();
      try {
        job.put("type", jobType(row, listener));
        job.put(
            "retries",
            expressions.evaluateLong(
                listener.retries(), variables.lookupFrom(row.elementInstanceKey)));
      } catch (Failure.Raised raised) {
        continue;
      }
      jobs.add(job);
    }
    if (jobs.isEmpty()) {
      row.transition = null;
      row.listenerIndex = 0;
      row.state = "CANCELED";
      services.userTaskRows().save(row);
      record(row, "CANCELED", Map.of());
      return null;
    }
    begin(row, EventType.CANCELING, "", Map.of(), Map.of("jobs", jobs));
    return row;
  }

  /** After an incident of a listener's expressions: the whole transition runs again. */
  void retry(final long elementInstanceKey) {
    services
        .userTaskRows()
        .openOf(elementInstanceKey)
        .filter(r -> r.transition != null)
        .ifPresent(
            row -> {
              row.listenerIndex = 0;
              corrections(row).clear();
              next(row);
            });
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> corrections(final UserTaskRow row) {
    return (Map<String, Object>) row.transition.get("corrections");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> changes(final UserTaskRow row) {
    return (Map<String, Object>) row.transition.get("changes");
  }

  private static EventType eventOf(final UserTaskRow row) {
    return EventType.valueOf((String) row.transition.get("event"));
  }

  /** The task's attributes as the transition and the corrections so far make them. */
  private static Map<String, Object> effective(final UserTaskRow row) {
    final Map<String, Object> attributes = row.attributes();
    attributes.putAll(changes(row));
    attributes.putAll(corrections(row));
    return attributes;
  }

  private void finish(final UserTaskRow row, final EventType event) {
    final Map<String, Object> transition = row.transition;
    final List<String> changed = changedAttributes(row, transition);
    row.apply(effective(row));
    row.transition = null;
    row.listenerIndex = 0;
    row.transitionOutcome = outcome(transition, false, null);
    switch (event) {
      case CREATING -> {
        row.state = "CREATED";
        services.userTaskRows().save(row);
        record(row, "CREATED", Map.of());
        element.created(row.elementInstanceKey);
        final String assignee = (String) transition.get("assignee");
        if (assignee != null && row.assignee == null) {
          assignCreated(row, assignee);
        }
      }
      case ASSIGNING -> {
        row.state = "CREATED";
        services.userTaskRows().save(row);
        record(row, "ASSIGNED", Map.of("assignee", Objects.toString(row.assignee, "")));
      }
      case UPDATING -> {
        row.state = "CREATED";
        services.userTaskRows().save(row);
        TaskVariableUpdate.applyPending(variables, row.elementInstanceKey, transition);
        record(row, "UPDATED", Map.of("changedAttributes", changed));
      }
      case COMPLETING -> {
        row.state = "COMPLETED";
        row.completedAt = services.clock().now();
        services.userTaskRows().save(row);
        final Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("action", transition.get("action"));
        payload.put("variables", transition.get("variables"));
        record(row, "COMPLETED", payload);
        @SuppressWarnings("unchecked")
        final Map<String, Object> completion =
            transition.get("variables") instanceof Map<?, ?> vars
                ? new LinkedHashMap<>((Map<String, Object>) vars)
                : new LinkedHashMap<>();
        element.completed(row.elementInstanceKey, completion);
      }
      case CANCELING -> {
        row.state = "CANCELED";
        services.userTaskRows().save(row);
        record(row, "CANCELED", Map.of());
        element.canceled(
            row.elementInstanceKey, new ArrayList<>(TerminationHolds.continuationsOf(transition)));
      }
    }
  }

  private void deny(final UserTaskRow row, final EventType event, final String reason) {
    final Map<String, Object> transition = row.transition;
    row.transition = null;
    row.listenerIndex = 0;
    row.state = "CREATED";
    row.transitionOutcome = outcome(transition, true, reason);
    services.userTaskRows().save(row);
    final String intent =
        switch (event) {
          case ASSIGNING -> "ASSIGNMENT_DENIED";
          case UPDATING -> "UPDATE_DENIED";
          default -> "COMPLETION_DENIED";
        };
    record(row, intent, Map.of("deniedReason", Objects.toString(reason, "")));
  }

  private static Map<String, Object> outcome(
      final Map<String, Object> transition, final boolean denied, final String reason) {
    final Map<String, Object> outcome = new LinkedHashMap<>();
    outcome.put("id", transition.get("id"));
    outcome.put("event", transition.get("event"));
    outcome.put("denied", denied);
    outcome.put("deniedReason", reason);
    return outcome;
  }

  /** What the listener's worker sees of the task: its attributes as the transition makes them. */
  private Map<String, Object> userTaskView(final UserTaskRow row, final EventType event) {
    final Map<String, Object> view = new LinkedHashMap<>();
    view.put("action", row.transition.get("action"));
    final Map<String, Object> effective = effective(row);
    if (event == EventType.CREATING && row.transition.get("assignee") != null) {
      effective.put("assignee", row.transition.get("assignee"));
    }
    view.putAll(effective);
    view.put("changedAttributes", changedAttributes(row, row.transition));
    view.put("formKey", row.formKey);
    view.put("userTaskKey", row.key);
    return view;
  }

  /**
   * What the transition changes: the requested attributes, those the corrections so far changed,
   * and {@code variables} when variables are set on the task.
   */
  @SuppressWarnings("unchecked")
  private static List<String> changedAttributes(
      final UserTaskRow row, final Map<String, Object> transition) {
    final List<String> changed =
        new ArrayList<>(((Map<String, Object>) transition.get("changes")).keySet());
    if (TaskVariableUpdate.pendingIn(transition)) {
      changed.add("variables");
    }
    final Map<String, Object> before = row.attributes();
    for (final Map.Entry<String, Object> corrected :
        ((Map<String, Object>) transition.get("corrections")).entrySet()) {
      if (!changed.contains(corrected.getKey())
          && !Objects.equals(before.get(corrected.getKey()), corrected.getValue())) {
        changed.add(corrected.getKey());
      }
    }
    return changed;
  }

  private void createJob(
      final UserTaskRow row, final EventType event, final TaskListener listener) {
    final String type = jobType(row, listener);
    final long retries =
        expressions.evaluateLong(listener.retries(), variables.lookupFrom(row.elementInstanceKey));
    addJob(row, event, type, retries);
  }

  private String jobType(final UserTaskRow row, final TaskListener listener) {
    final String type =
        expressions.evaluateString(listener.type(), variables.lookupFrom(row.elementInstanceKey));
    if (type.isBlank()) {
      throw Failure.extractValue(
              "Expected result of the expression '"
                  + listener.type().text()
                  + "' to be a non-empty job type, but was empty.")
          .raise();
    }
    return type;
  }

  private void addJob(
      final UserTaskRow row, final EventType event, final String type, final long retries) {
    final long jobKey = services.keys().next();
    final Map<String, Object> userTask = userTaskView(row, event);
    state.addJob(
        new NewJob(
            jobKey,
            type,
            (int) retries,
            process.element(row.elementId).userTask().headers(),
            state.processInstance().key(),
            row.elementInstanceKey,
            row.elementId,
            state.processInstance().bpmnProcessId(),
            state.processInstance().processDefinitionKey(),
            state.processInstance().version(),
            event.name(),
            userTask));
    final Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("type", type);
    payload.put("jobKind", "TASK_LISTENER");
    payload.put("jobListenerEventType", event.name());
    payload.put("retries", retries);
    payload.put("elementInstanceKey", row.elementInstanceKey);
    payload.put("userTaskKey", row.key);
    state.append(
        new PendingRecord(
            jobKey, "JOB", "CREATED", state.processInstance().key(), row.elementId, payload));
  }

  private void record(final UserTaskRow row, final String intent, final Map<String, Object> extra) {
    final Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("userTaskKey", row.key);
    payload.put("elementInstanceKey", row.elementInstanceKey);
    payload.put("assignee", row.assignee);
    payload.put("priority", row.priority);
    payload.putAll(extra);
    state.append(
        new PendingRecord(
            row.key, "USER_TASK", intent, state.processInstance().key(), row.elementId, payload));
  }
}
