package io.flowdesk.engine.usertask;

import io.flowdesk.engine.command.InstanceCommands;
import io.flowdesk.engine.state.PendingRecord;
import io.flowdesk.engine.state.RecordLog;
import io.flowdesk.engine.support.EngineClock;
import io.flowdesk.engine.support.Json;
import io.flowdesk.engine.support.Rejection;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Commands on Camunda user tasks: complete (the element instance completes with the variables, as
 * after a job), assign, unassign and update. Rejections name the task and the reason as Zeebe's do.
 */
public final class UserTaskCommands {

  private final JdbcClient jdbc;
  private final JdbcTemplate batch;
  private final TransactionTemplate transactions;
  private final InstanceCommands instances;
  private final EngineClock clock;

  public UserTaskCommands(
      final JdbcClient jdbc,
      final JdbcTemplate batch,
      final TransactionTemplate transactions,
      final InstanceCommands instances,
      final EngineClock clock) {
    this.jdbc = jdbc;
    this.batch = batch;
    this.transactions = transactions;
    this.instances = instances;
    this.clock = clock;
  }

  /** The changes of an update; null fields stay as they are. */
  public record Changes(
      List<String> candidateGroups,
      List<String> candidateUsers,
      Instant dueDate,
      Instant followUpDate,
      Integer priority) {}

  private record OpenTask(
      long processInstanceKey, long elementInstanceKey, String elementId, String assignee) {}

  public void complete(
      final long userTaskKey, final Map<String, Object> variables, final String action) {
    final OpenTask task = open(userTaskKey, "complete");
    instances.onInstance(
        task.processInstanceKey(),
        pi -> notFound(userTaskKey, "complete"),
        (state, execution) -> {
          final int updated =
              jdbc.sql(
                      "UPDATE engine.user_task SET state = 'COMPLETED', completed_at = ?"
                          + " WHERE key = ? AND state = 'CREATED'")
                  .params(Timestamp.from(clock.now()), userTaskKey)
                  .update();
          if (updated == 0) {
            throw notFound(userTaskKey, "complete");
          }
          final Map<String, Object> payload = new LinkedHashMap<>();
          payload.put("userTaskKey", userTaskKey);
          payload.put("action", action == null || action.isBlank() ? "complete" : action);
          payload.put("variables", variables);
          state.append(
              new PendingRecord(
                  userTaskKey,
                  "USER_TASK",
                  "COMPLETED",
                  task.processInstanceKey(),
                  task.elementId(),
                  payload));
          execution.completeUserTask(task.elementInstanceKey(), variables);
          return null;
        });
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
    transactions.executeWithoutResult(
        tx -> {
          final OpenTask task = lockOpen(userTaskKey, "assign");
          if (!allowOverride && task.assignee() != null && !task.assignee().equals(assignee)) {
            throw Rejection.invalidState(
                "Expected to assign user task with key '"
                    + userTaskKey
                    + "' to '"
                    + assignee
                    + "', but it is already assigned to '"
                    + task.assignee()
                    + "'");
          }
          jdbc.sql("UPDATE engine.user_task SET assignee = ? WHERE key = ?")
              .params(assignee, userTaskKey)
              .update();
          record(
              userTaskKey,
              task,
              "ASSIGNED",
              Map.of("assignee", assignee, "action", actionOr(action, "assign")));
        });
  }

  public void unassign(final long userTaskKey) {
    transactions.executeWithoutResult(
        tx -> {
          final OpenTask task = lockOpen(userTaskKey, "unassign");
          jdbc.sql("UPDATE engine.user_task SET assignee = NULL WHERE key = ?")
              .param(userTaskKey)
              .update();
          record(userTaskKey, task, "ASSIGNED", Map.of("assignee", "", "action", "unassign"));
        });
  }

  public void update(final long userTaskKey, final Changes changes, final String action) {
    if (changes.priority() != null && (changes.priority() < 0 || changes.priority() > 100)) {
      throw Rejection.invalidArgument(
          "Expected the priority of user task with key '"
              + userTaskKey
              + "' to be between 0 and 100, but was "
              + changes.priority());
    }
    transactions.executeWithoutResult(
        tx -> {
          final OpenTask task = lockOpen(userTaskKey, "update");
          jdbc.sql(
                  "UPDATE engine.user_task SET"
                      + " candidate_groups = coalesce(?, candidate_groups),"
                      + " candidate_users = coalesce(?, candidate_users),"
                      + " due_date = coalesce(?, due_date),"
                      + " follow_up_date = coalesce(?, follow_up_date),"
                      + " priority = coalesce(?, priority) WHERE key = ?")
              .params(
                  changes.candidateGroups() == null ? null : Json.write(changes.candidateGroups()),
                  changes.candidateUsers() == null ? null : Json.write(changes.candidateUsers()),
                  changes.dueDate() == null ? null : Timestamp.from(changes.dueDate()),
                  changes.followUpDate() == null ? null : Timestamp.from(changes.followUpDate()),
                  changes.priority(),
                  userTaskKey)
              .update();
          final Map<String, Object> payload = new LinkedHashMap<>();
          payload.put("action", actionOr(action, "update"));
          payload.put("changes", changes.toString());
          record(userTaskKey, task, "UPDATED", payload);
        });
  }

  private OpenTask open(final long userTaskKey, final String what) {
    return jdbc.sql(
            "SELECT process_instance_key, element_instance_key, element_id, assignee"
                + " FROM engine.user_task WHERE key = ? AND state = 'CREATED'")
        .param(userTaskKey)
        .query(
            (rs, n) -> new OpenTask(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4)))
        .optional()
        .orElseThrow(() -> notFound(userTaskKey, what));
  }

  private OpenTask lockOpen(final long userTaskKey, final String what) {
    return jdbc.sql(
            "SELECT process_instance_key, element_instance_key, element_id, assignee"
                + " FROM engine.user_task WHERE key = ? AND state = 'CREATED' FOR UPDATE")
        .param(userTaskKey)
        .query(
            (rs, n) -> new OpenTask(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4)))
        .optional()
        .orElseThrow(() -> notFound(userTaskKey, what));
  }

  private void record(
      final long userTaskKey,
      final OpenTask task,
      final String intent,
      final Map<String, Object> payload) {
    RecordLog.append(
        batch,
        List.of(
            new PendingRecord(
                userTaskKey,
                "USER_TASK",
                intent,
                task.processInstanceKey(),
                task.elementId(),
                payload)),
        Timestamp.from(clock.now()));
  }

  private static String actionOr(final String action, final String fallback) {
    return action == null || action.isBlank() ? fallback : action;
  }

  private static Rejection notFound(final long userTaskKey, final String what) {
    return Rejection.notFound(
        "Expected to "
            + what
            + " user task with key '"
            + userTaskKey
            + "', but no such user task was found");
  }
}
