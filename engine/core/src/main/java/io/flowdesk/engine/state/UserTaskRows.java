package io.flowdesk.engine.state;

import io.flowdesk.engine.support.Json;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reads and writes Camunda user task rows inside a command whose process instance is locked, so a
 * task's lifecycle transition and the jobs of its listeners change together.
 */
public final class UserTaskRows {

  private static final String COLUMNS =
      "key, process_instance_key, element_instance_key, element_id, state, assignee,"
          + " candidate_groups, candidate_users, due_date, follow_up_date, priority, form_key,"
          + " listener_index, transition, transition_outcome, completed_at";

  private final JdbcClient jdbc;

  public UserTaskRows(final JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  private static final String INSERT =
      "INSERT INTO engine.user_task (key, state, process_instance_key, element_instance_key,"
          + " element_id, name, bpmn_process_id, process_definition_key,"
          + " process_definition_version, assignee, candidate_groups, candidate_users,"
          + " due_date, follow_up_date, priority, form_key, external_form_reference,"
          + " custom_headers, created_at)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  /** Inserts a task right away, so that the command can go on changing its row. */
  public UserTaskRow insert(final NewUserTask t, final Instant now) {
    jdbc.sql(INSERT).params(insertParameters(t, now)).update();
    return UserTaskRow.of(t);
  }

  /** Adds the insert of a new task to a command's save. */
  static void addInsertTo(final StatementBatch statements, final NewUserTask t, final Instant now) {
    statements.add(INSERT, insertParameters(t, now));
  }

  private static Object[] insertParameters(final NewUserTask t, final Instant now) {
    return new Object[] {
      t.key(),
      t.state(),
      t.processInstanceKey(),
      t.elementInstanceKey(),
      t.elementId(),
      t.name(),
      t.bpmnProcessId(),
      t.processDefinitionKey(),
      t.processDefinitionVersion(),
      t.assignee(),
      Json.write(t.candidateGroups()),
      Json.write(t.candidateUsers()),
      timestamp(t.dueDate()),
      timestamp(t.followUpDate()),
      t.priority(),
      t.formKey(),
      t.externalFormReference(),
      Json.write(t.customHeaders()),
      Timestamp.from(now)
    };
  }

  public Optional<UserTaskRow> byKey(final long userTaskKey) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM engine.user_task WHERE key = ? FOR UPDATE")
        .param(userTaskKey)
        .query(UserTaskRows::map)
        .optional();
  }

  /** The task of an element instance that has not ended. */
  public Optional<UserTaskRow> openOf(final long elementInstanceKey) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM engine.user_task WHERE element_instance_key = ?"
                + " AND state NOT IN ('COMPLETED', 'CANCELED') FOR UPDATE")
        .param(elementInstanceKey)
        .query(UserTaskRows::map)
        .optional();
  }

  /** The outcome of the task's last transition and whether one is still pending. */
  public record Progress(String state, boolean pending, Map<String, Object> outcome) {}

  public Optional<Progress> progress(final long userTaskKey) {
    return jdbc.sql(
            "SELECT state, transition IS NOT NULL, transition_outcome FROM engine.user_task"
                + " WHERE key = ?")
        .param(userTaskKey)
        .query(
            (rs, n) ->
                new Progress(
                    rs.getString(1),
                    rs.getBoolean(2),
                    rs.getString(3) == null
                        ? Map.of()
                        : Json.readDocument(rs.getString(3), "transition outcome")))
        .optional();
  }

  public void save(final UserTaskRow row) {
    jdbc.sql(
            "UPDATE engine.user_task SET state = ?, assignee = ?, candidate_groups = ?,"
                + " candidate_users = ?, due_date = ?, follow_up_date = ?, priority = ?,"
                + " listener_index = ?, transition = ?, transition_outcome = ?, completed_at = ?"
                + " WHERE key = ?")
        .params(
            row.state,
            row.assignee,
            Json.write(row.candidateGroups),
            Json.write(row.candidateUsers),
            timestamp(row.dueDate),
            timestamp(row.followUpDate),
            row.priority,
            row.listenerIndex,
            row.transition == null ? null : Json.write(row.transition),
            row.transitionOutcome == null ? null : Json.write(row.transitionOutcome),
            timestamp(row.completedAt),
            row.key)
        .update();
  }

  private static Timestamp timestamp(final Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }

  @SuppressWarnings("unchecked")
  private static UserTaskRow map(final ResultSet rs, final int n) throws SQLException {
    final UserTaskRow row =
        new UserTaskRow(
            rs.getLong(1),
            rs.getLong(2),
            rs.getLong(3),
            rs.getString(4),
            rs.getString(5),
            rs.getString(6),
            (List<String>) Json.read(rs.getString(7)),
            (List<String>) Json.read(rs.getString(8)),
            instant(rs.getTimestamp(9)),
            instant(rs.getTimestamp(10)),
            rs.getInt(11),
            rs.getObject(12, Long.class));
    row.listenerIndex = rs.getInt(13);
    row.transition =
        rs.getString(14) == null ? null : Json.readDocument(rs.getString(14), "transition");
    row.transitionOutcome =
        rs.getString(15) == null ? null : Json.readDocument(rs.getString(15), "outcome");
    row.completedAt = instant(rs.getTimestamp(16));
    return row;
  }

  private static Instant instant(final Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
