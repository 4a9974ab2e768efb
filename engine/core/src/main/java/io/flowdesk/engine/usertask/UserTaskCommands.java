package io.flowdesk.engine.usertask;

import io.flowdesk.engine.execution.BpmnExecution;
import io.flowdesk.engine.instance.ProcessInstanceCommands;
import io.flowdesk.engine.model.TaskListener;
import io.flowdesk.engine.state.InstanceState;
import io.flowdesk.engine.state.PendingRecord;
import io.flowdesk.engine.state.UserTaskRow;
import io.flowdesk.engine.state.UserTaskRows;
import io.flowdesk.engine.support.EngineClock;
import io.flowdesk.engine.support.Json;
import io.flowdesk.engine.support.Rejection;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Commands on Camunda user tasks: complete (the element instance completes with the variables, as
 * after a job), assign, unassign and update. Rejections name the task and the reason as Zeebe's do.
 * When the task has listeners for the command's event, the command starts the transition and
 * answers once the listeners finished it (or denied it), as Camunda 8.8's REST API does.
 */
public final class UserTaskCommands {

  private final JdbcClient jdbc;
  private final ProcessInstanceCommands instances;
  private final EngineClock clock;
  private final UserTaskRows rows;
  private final TransitionWait wait;

  public UserTaskCommands(
      final JdbcClient jdbc, final ProcessInstanceCommands instances, final EngineClock clock) {
    this.jdbc = jdbc;
    this.instances = instances;
    this.clock = clock;
    this.rows = new UserTaskRows(jdbc);
    this.wait = new TransitionWait(jdbc);
  }

  /** The changes of an update; null fields stay as they are. */
  public record Changes(
      List<String> candidateGroups,
      List<String> candidateUsers,
      Instant dueDate,
      Instant followUpDate,
      Integer priority) {

    /** The changed attributes by their API names, as task listeners see them. */
    Map<String, Object> attributes() {
      final Map<String, Object> attributes = new LinkedHashMap<>();
      if (candidateGroups != null) {
        attributes.put("candidateGroups", List.copyOf(candidateGroups));
      }
      if (candidateUsers != null) {
        attributes.put("candidateUsers", List.copyOf(candidateUsers));
      }
      if (dueDate != null) {
        attributes.put("dueDate", dueDate.toString());
      }
      if (followUpDate != null) {
        attributes.put("followUpDate", followUpDate.toString());
      }
      if (priority != null) {
        attributes.put("priority", priority);
      }
      return attributes;
    }
  }

  @FunctionalInterface
  private interface TaskCommand {
    /** Answers the id of the transition the listeners now run, null when the command is done. */
    Long apply(UserTaskRow task, InstanceState state, BpmnExecution execution);
  }

  public void complete(
      final long userTaskKey, final Map<String, Object> variables, final String action) {
    final String completeAction = actionOr(action, "complete");
    final Long transition =
        onTask(
            userTaskKey,
            "complete",
            (task, state, execution) -> {
              if (execution.hasTaskListeners(task, TaskListener.EventType.COMPLETING)) {
                final Map<String, Object> extra = new LinkedHashMap<>();
                extra.put("variables", variables);
                return execution.startUserTaskTransition(
                    task, TaskListener.EventType.COMPLETING, completeAction, Map.of(), extra);
              }
              task.state = "COMPLETED";
              task.completedAt = clock.now();
              rows.save(task);
              final Map<String, Object> payload = new LinkedHashMap<>();
              payload.put("userTaskKey", userTaskKey);
              payload.put("action", completeAction);
              payload.put("variables", variables);
              record(state, task, "COMPLETED", payload);
              execution.completeUserTask(task.elementInstanceKey, variables);
              return null;
            });
    awaitListeners(userTaskKey, transition, "complete", "completion");
  }

  /**
   * Assigns the task; with {@code allowOverride} false a task assigned to somebody else is refused
   * instead of taken over.
   */
  public void assign(
      final long userTaskKey,
      final String assignee,
      final boolean allowOverride,
      final String action) {
    if (assignee == null || assignee.isBlank()) {
      throw Rejection.invalidArgument(
          "Expected to assign user task with key '"
              + userTaskKey
              + "' to an assignee, but none was given");
    }
    final Long transition =
        onTask(
            userTaskKey,
            "assign",
            (task, state, execution) -> {
              if (!allowOverride && task.assignee != null && !task.assignee.equals(assignee)) {
                throw Rejection.invalidState(
                    "Expected to assign user task with key '"
                        + userTaskKey
                        + "' to '"
                        + assignee
                        + "', but it is already assigned to '"
                        + task.assignee
                        + "'");
              }
              return assignTo(task, state, execution, assignee, actionOr(action, "assign"));
            });
    awaitListeners(userTaskKey, transition, "assign", "assignment");
  }

  public void unassign(final long userTaskKey) {
    final Long transition =
        onTask(
            userTaskKey,
            "unassign",
            (task, state, execution) -> assignTo(task, state, execution, null, "unassign"));
    awaitListeners(userTaskKey, transition, "unassign", "assignment");
  }

  private Long assignTo(
      final UserTaskRow task,
      final InstanceState state,
      final BpmnExecution execution,
      final String assignee,
      final String action) {
    if (execution.hasTaskListeners(task, TaskListener.EventType.ASSIGNING)) {
      final Map<String, Object> changes = new LinkedHashMap<>();
      changes.put("assignee", assignee);
      return execution.startUserTaskTransition(
          task, TaskListener.EventType.ASSIGNING, action, changes, Map.of());
    }
    task.assignee = assignee;
    rows.save(task);
    record(
        state,
        task,
        "ASSIGNED",
        Map.of("assignee", Objects.toString(assignee, ""), "action", action));
    return null;
  }

  public void update(final long userTaskKey, final Changes changes, final String action) {
    if (changes.priority() != null && (changes.priority() < 0 || changes.priority() > 100)) {
      throw Rejection.invalidArgument(
          "Expected the priority of user task with key '"
              + userTaskKey
              + "' to be between 0 and 100, but was "
              + changes.priority());
    }
    final String updateAction = actionOr(action, "update");
    final Long transition =
        onTask(
            userTaskKey,
            "update",
            (task, state, execution) -> {
              if (execution.hasTaskListeners(task, TaskListener.EventType.UPDATING)) {
                return execution.startUserTaskTransition(
                    task,
                    TaskListener.EventType.UPDATING,
                    updateAction,
                    changes.attributes(),
                    Map.of());
              }
              final Map<String, Object> attributes = task.attributes();
              attributes.putAll(changes.attributes());
              task.apply(attributes);
              rows.save(task);
              final Map<String, Object> payload = new LinkedHashMap<>();
              payload.put("action", updateAction);
              payload.put("changes", Json.write(changes.attributes()));
              record(state, task, "UPDATED", payload);
              return null;
            });
    awaitListeners(userTaskKey, transition, "update", "update");
  }

  /**
   * Runs {@code command} on the task under its process instance's lock; the task must be open and
   * in no other transition.
   */
  private Long onTask(final long userTaskKey, final String what, final TaskCommand command) {
    final long processInstanceKey =
        jdbc.sql("SELECT process_instance_key FROM engine.user_task WHERE key = ?")
            .param(userTaskKey)
            .query(Long.class)
            .optional()
            .orElseThrow(() -> notFound(userTaskKey, what));
    return instances.onInstance(
        processInstanceKey,
        pi -> notFound(userTaskKey, what),
        (state, execution) -> {
          final UserTaskRow task =
              rows.byKey(userTaskKey)
                  .filter(t -> !t.ended())
                  .orElseThrow(() -> notFound(userTaskKey, what));
          if (!"CREATED".equals(task.state)) {
            throw Rejection.invalidState(
                "Expected to "
                    + what
                    + " user task with key '"
                    + userTaskKey
                    + "', but it is in state '"
                    + task.state
                    + "' while its task listeners run");
          }
          return command.apply(task, state, execution);
        });
  }

  private void awaitListeners(
      final long userTaskKey, final Long id, final String what, final String noun) {
    wait.await(userTaskKey, id, TransitionWait.forCommand(userTaskKey, what, noun));
  }

  private static void record(
      final InstanceState state,
      final UserTaskRow task,
      final String intent,
      final Map<String, Object> payload) {
    state.append(
        new PendingRecord(
            task.key, "USER_TASK", intent, task.processInstanceKey, task.elementId, payload));
  }

  private static String actionOr(final String action, final String fallback) {
    return action == null || action.isBlank() ? fallback : action;
  }

  static Rejection notFound(final long userTaskKey, final String what) {
    return Rejection.notFound(
        "Expected to "
            + what
            + " user task with key '"
            + userTaskKey
            + "', but no such user task was found");
  }
}
