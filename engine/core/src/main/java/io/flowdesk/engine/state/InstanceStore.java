package io.flowdesk.engine.state;

import io.flowdesk.engine.model.BpmnElementType;
import io.flowdesk.engine.state.RowsInsert.Column;
import io.flowdesk.engine.support.Json;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Loads a process instance's live state under a row lock and writes back what a command changed,
 * with batched statements: one round trip per table touched, not per row.
 */
public final class InstanceStore {

  private static final RowsInsert<ElementInstance> ELEMENT_INSERT =
      new RowsInsert<>(
          "element_instance",
          List.of(
              Column.int8("key", ElementInstance::key),
              Column.int8("process_instance_key", ElementInstance::processInstanceKey),
              Column.int8("flow_scope_key", ElementInstance::flowScopeKey),
              Column.text("element_id", ElementInstance::elementId),
              Column.text("element_type", e -> e.type().name()),
              Column.text("state", e -> e.state().name()),
              Column.int4("listener_index", ElementInstance::listenerIndex)));

  /** A variable to insert, with its name and the instance it belongs to. */
  private record NamedVariable(
      InstanceState.ScopedName name, InstanceState.Variable variable, long processInstanceKey) {}

  private static final RowsInsert<NamedVariable> VARIABLE_INSERT =
      new RowsInsert<>(
          "variable",
          List.of(
              Column.int8("key", v -> v.variable().key()),
              Column.int8("scope_key", v -> v.name().scopeKey()),
              Column.text("name", v -> v.name().name()),
              Column.int8("process_instance_key", NamedVariable::processInstanceKey),
              Column.text("value", v -> Json.write(v.variable().value()))));

  private final JdbcClient jdbc;
  private final JdbcTemplate batch;

  public InstanceStore(final JdbcClient jdbc, final JdbcTemplate batch) {
    this.jdbc = jdbc;
    this.batch = batch;
  }

  /**
   * Locks the row of the instance's call hierarchy root until the transaction ends and loads the
   * instance's live state. Commands on the same hierarchy queue here; others proceed in parallel.
   */
  public Optional<InstanceState> lockAndLoad(final long processInstanceKey) {
    return lockRootAndLoad("?", processInstanceKey);
  }

  /** As {@link #lockAndLoad(long)}, for the instance a job belongs to, in the same round trip. */
  public Optional<InstanceState> lockAndLoadOfJob(final long jobKey) {
    return lockRootAndLoad("(SELECT process_instance_key FROM engine.job WHERE key = ?)", jobKey);
  }

  /**
   * Loads another instance of a hierarchy whose root the transaction has locked already (a parent
   * or child of the instance a command runs on).
   */
  public Optional<InstanceState> loadLocked(final long processInstanceKey) {
    return jdbc.sql(
            "SELECT key, process_definition_key, bpmn_process_id, version, state,"
                + " parent_process_instance_key, parent_element_instance_key,"
                + " root_process_instance_key FROM engine.process_instance WHERE key = ?")
        .param(processInstanceKey)
        .query(InstanceStore::mapRow)
        .optional()
        .map(this::load);
  }

  private static ProcessInstanceRow mapRow(final ResultSet rs, final int rowNum)
      throws SQLException {
    return new ProcessInstanceRow(
        rs.getLong(1),
        rs.getLong(2),
        rs.getString(3),
        rs.getInt(4),
        rs.getString(5),
        rs.getObject(6, Long.class),
        rs.getObject(7, Long.class),
        rs.getObject(8, Long.class));
  }

  private Optional<InstanceState> lockRootAndLoad(
      final String keyExpression, final long parameter) {
    final StatementBatch statements = new StatementBatch();
    final QueuedLoad load = queueLockAndLoad(statements, keyExpression, false, parameter);
    statements.read(batch, load::read);
    return load.loaded();
  }

  /**
   * Queues, in a caller's batch, the lock of the root of the instance {@code keyExpression} names
   * and the load of that instance's live state; when {@code skipLocked}, an instance whose root
   * another transaction holds is not waited for and not loaded. Read the batch's results through
   * {@link QueuedLoad#read}.
   */
  public static QueuedLoad queueLockAndLoad(
      final StatementBatch statements,
      final String keyExpression,
      final boolean skipLocked,
      final Object... keyParameters) {
    // Locks only the root's row (the instance's own for a root instance) and reads the instance
    // asked for; the live state is read by a later statement of the same round trip, which
    // PostgreSQL runs only once the lock is granted, so its snapshot includes whatever the
    // previous lock holder committed.
    final int lock =
        statements.add(
            "SELECT i.key, i.process_definition_key, i.bpmn_process_id, i.version, i.state,"
                + " i.parent_process_instance_key, i.parent_element_instance_key,"
                + " i.root_process_instance_key FROM engine.process_instance i"
                + " JOIN engine.process_instance r ON r.key ="
                + " coalesce(i.root_process_instance_key, i.key) WHERE i.key = "
                + keyExpression
                + " FOR UPDATE OF r"
                + (skipLocked ? " SKIP LOCKED" : ""),
            keyParameters);
    final int liveState = statements.add(liveState(keyExpression), keyParameters);
    return new QueuedLoad(lock, liveState);
  }

  /** A lock and load queued in a batch; {@link #loaded} once the batch ran. */
  public static final class QueuedLoad {
    private final int lockStatement;
    private final int liveStateStatement;
    private InstanceState loaded;

    private QueuedLoad(final int lockStatement, final int liveStateStatement) {
      this.lockStatement = lockStatement;
      this.liveStateStatement = liveStateStatement;
    }

    /** Takes the rows of the batch's statements that are this load's; ignores the others. */
    public void read(final int statementIndex, final ResultSet rows) throws SQLException {
      if (statementIndex == lockStatement && rows.next()) {
        loaded = new InstanceState(mapRow(rows, 0), false);
      } else if (statementIndex == liveStateStatement && loaded != null) {
        while (rows.next()) {
          loadLiveRow(loaded, rows);
        }
      }
    }

    /** The locked, loaded instance; empty when it does not exist or its root was skipped. */
    public Optional<InstanceState> loaded() {
      return Optional.ofNullable(loaded);
    }
  }

  /**
   * Everything an instance has, in one query; {@code key} stands for the instance's key and is
   * evaluated once.
   */
  private static String liveState(final String key) {
    return "WITH pi AS MATERIALIZED (SELECT "
        + key
        + " AS key)"
        + " SELECT 'E', key, flow_scope_key, element_id, element_type, state, listener_index,"
        + " completion_condition_fulfilled"
        + " FROM engine.element_instance WHERE process_instance_key = (SELECT key FROM pi)"
        + " UNION ALL SELECT 'V', key, scope_key, name, value, NULL, 0, FALSE"
        + " FROM engine.variable WHERE process_instance_key = (SELECT key FROM pi)"
        + " UNION ALL SELECT 'T', 0, flow_scope_key, gateway_id, sequence_flow_id, NULL, count,"
        + " FALSE"
        + " FROM engine.taken_sequence_flow WHERE process_instance_key = (SELECT key FROM pi)"
        + " UNION ALL SELECT 'C', key, scope_key, element_id, handler_id, state, 0, FALSE"
        + " FROM engine.compensation_subscription"
        + " WHERE process_instance_key = (SELECT key FROM pi)"
        + " ORDER BY 1, 2";
  }

  private InstanceState load(final ProcessInstanceRow row) {
    final InstanceState state = new InstanceState(row, false);
    jdbc.sql(liveState("?"))
        .param(row.key())
        .query((RowCallbackHandler) rs -> loadLiveRow(state, rs));
    return state;
  }

  private static void loadLiveRow(final InstanceState state, final ResultSet rs)
      throws SQLException {
    switch (rs.getString(1)) {
      case "E" -> {
        final ElementInstance instance =
            new ElementInstance(
                rs.getLong(2),
                state.processInstance().key(),
                rs.getLong(3),
                rs.getString(4),
                BpmnElementType.valueOf(rs.getString(5)),
                ElementInstance.State.valueOf(rs.getString(6)));
        instance.listenerIndex(rs.getInt(7));
        instance.completionConditionFulfilled(rs.getBoolean(8));
        state.load(instance);
      }
      case "V" ->
          state.loadVariable(
              rs.getLong(3),
              rs.getString(4),
              new InstanceState.Variable(rs.getLong(2), Json.read(rs.getString(5))));
      case "C" ->
          state
              .compensations()
              .load(
                  new CompensationSubscription(
                      rs.getLong(2),
                      rs.getLong(3),
                      rs.getString(4),
                      rs.getString(5),
                      CompensationSubscription.State.valueOf(rs.getString(6))));
      default ->
          state.loadTakenFlow(
              new InstanceState.JoinPoint(rs.getLong(3), rs.getString(4)),
              rs.getString(5),
              rs.getInt(7));
    }
  }

  /** Writes what the command changed, in one round trip ({@link StatementBatch}). */
  public void save(final InstanceState state, final Instant now) {
    final ProcessInstanceRow pi = state.processInstance();
    final Timestamp timestamp = Timestamp.from(now);
    final StatementBatch statements = new StatementBatch();
    if (state.created()) {
      statements.add(
          "INSERT INTO engine.process_instance (key, process_definition_key, bpmn_process_id,"
              + " version, state, created_at, ended_at, parent_process_instance_key,"
              + " parent_element_instance_key, root_process_instance_key, tags)"
              + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          pi.key(),
          pi.processDefinitionKey(),
          pi.bpmnProcessId(),
          pi.version(),
          state.newProcessInstanceState() != null ? state.newProcessInstanceState() : "ACTIVE",
          timestamp,
          state.newProcessInstanceState() != null ? timestamp : null,
          pi.parentProcessInstanceKey(),
          pi.parentElementInstanceKey(),
          pi.rootProcessInstanceKey(),
          state.tags().isEmpty() ? null : Json.write(state.tags()));
    } else if (state.newProcessInstanceState() != null) {
      statements.add(
          "UPDATE engine.process_instance SET state = ?, ended_at = ? WHERE key = ?",
          state.newProcessInstanceState(),
          timestamp,
          pi.key());
    }
    saveElements(state, statements);
    saveVariables(state, statements);
    saveJoinPoints(state, statements);
    saveJobs(state, timestamp, statements);
    saveIncidents(state, timestamp, statements);
    saveSubscriptions(state, statements);
    saveUserTasks(state, timestamp, statements);
    saveCompensations(state, statements);
    RecordLog.appendTo(statements, state.records(), timestamp);
    statements.execute(batch);
  }

  private void saveElements(final InstanceState state, final StatementBatch statements) {
    if (state.ended()) {
      // All of an ended instance goes; by its key, a statement whose plan PostgreSQL caches,
      // unlike one over an array of keys, which it plans anew for each array.
      statements.add(
          "DELETE FROM engine.element_instance WHERE process_instance_key = ?",
          state.processInstance().key());
    } else if (!state.deletedElements().isEmpty()) {
      deleteByKeys(statements, "element_instance", "key", state.deletedElements());
    }
    ELEMENT_INSERT.addTo(
        statements, state.insertedElements().stream().map(state::element).toList());
    final List<Object[]> updates = new ArrayList<>();
    for (final long key : state.updatedElements()) {
      final ElementInstance e = state.element(key);
      updates.add(
          new Object[] {
            e.state().name(), e.listenerIndex(), e.completionConditionFulfilled(), key
          });
    }
    if (!updates.isEmpty()) {
      statements.addEach(
          "UPDATE engine.element_instance SET state = ?, listener_index = ?,"
              + " completion_condition_fulfilled = ? WHERE key = ?",
          updates);
    }
  }

  /** Deletes the rows whose {@code column} is one of {@code keys}, in one statement. */
  private static void deleteByKeys(
      final StatementBatch statements,
      final String table,
      final String column,
      final Collection<Long> keys) {
    statements.add(
        "DELETE FROM engine." + table + " WHERE " + column + " = ANY (?)",
        new StatementBatch.SqlArray("bigint", keys.toArray(Long[]::new)));
  }

  private void saveVariables(final InstanceState state, final StatementBatch statements) {
    final long pi = state.processInstance().key();
    if (state.ended()) {
      statements.add("DELETE FROM engine.variable WHERE process_instance_key = ?", pi);
    } else if (!state.deletedVariableScopes().isEmpty()) {
      deleteByKeys(statements, "variable", "scope_key", state.deletedVariableScopes());
    }
    VARIABLE_INSERT.addTo(
        statements,
        state.insertedVariables().stream()
            .map(name -> new NamedVariable(name, state.variable(name), pi))
            .toList());
    final List<Object[]> updates = new ArrayList<>();
    for (final InstanceState.ScopedName name : state.updatedVariables()) {
      updates.add(
          new Object[] {Json.write(state.variable(name).value()), name.scopeKey(), name.name()});
    }
    if (!updates.isEmpty()) {
      statements.addEach(
          "UPDATE engine.variable SET value = ? WHERE scope_key = ? AND name = ?", updates);
    }
  }

  private void saveJoinPoints(final InstanceState state, final StatementBatch statements) {
    for (final InstanceState.JoinPoint joinPoint : state.changedJoinPoints()) {
      statements.add(
          "DELETE FROM engine.taken_sequence_flow WHERE flow_scope_key = ? AND gateway_id = ?",
          joinPoint.flowScopeKey(),
          joinPoint.gatewayId());
      final List<Object[]> rows = new ArrayList<>();
      state
          .takenFlows(joinPoint)
          .forEach(
              (flowId, count) -> {
                if (count > 0) {
                  rows.add(
                      new Object[] {
                        state.processInstance().key(),
                        joinPoint.flowScopeKey(),
                        joinPoint.gatewayId(),
                        flowId,
                        count
                      });
                }
              });
      if (!rows.isEmpty()) {
        statements.addEach(
            "INSERT INTO engine.taken_sequence_flow (process_instance_key, flow_scope_key,"
                + " gateway_id, sequence_flow_id, count) VALUES (?, ?, ?, ?, ?)",
            rows);
      }
    }
  }

  private void saveJobs(
      final InstanceState state, final Timestamp now, final StatementBatch statements) {
    if (!state.canceledJobs().isEmpty()) {
      statements.addEach(
          "DELETE FROM engine.job WHERE key = ?",
          state.canceledJobs().stream().map(key -> new Object[] {key}).toList());
    }
    if (state.newJobs().isEmpty()) {
      return;
    }
    statements.addEach(
        "INSERT INTO engine.job (key, type, state, retries, custom_headers, process_instance_key,"
            + " element_instance_key, element_id, bpmn_process_id, process_definition_key,"
            + " process_definition_version, created_at, listener_event_type, user_task, deadline,"
            + " worker) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        state.newJobs().stream()
            .map(
                job -> {
                  final InstanceState.JobClaim claim = state.claimOfNewJob(job.key()).orElse(null);
                  return new Object[] {
                    job.key(),
                    job.type(),
                    claim == null ? "ACTIVATABLE" : "ACTIVATED",
                    job.retries(),
                    Json.write(job.customHeaders()),
                    job.processInstanceKey(),
                    job.elementInstanceKey(),
                    job.elementId(),
                    job.bpmnProcessId(),
                    job.processDefinitionKey(),
                    job.processDefinitionVersion(),
                    now,
                    job.listenerEventType(),
                    job.userTask() == null ? null : Json.write(job.userTask()),
                    claim == null ? null : Timestamp.from(claim.deadline()),
                    claim == null ? null : claim.worker()
                  };
                })
            .toList());
  }

  private void saveIncidents(
      final InstanceState state, final Timestamp now, final StatementBatch statements) {
    if (!state.resolvedIncidents().isEmpty()) {
      statements.addEach(
          "UPDATE engine.incident SET state = 'RESOLVED' WHERE key = ?",
          state.resolvedIncidents().stream().map(key -> new Object[] {key}).toList());
    }
    if (state.newIncidents().isEmpty()) {
      return;
    }
    statements.addEach(
        "INSERT INTO engine.incident (key, process_instance_key, element_instance_key, element_id,"
            + " job_key, error_type, error_message, failed_step, state, created_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'CREATED', ?)",
        state.newIncidents().stream()
            .map(
                incident ->
                    new Object[] {
                      incident.key(),
                      incident.processInstanceKey(),
                      incident.elementInstanceKey(),
                      incident.elementId(),
                      incident.jobKey(),
                      incident.errorType(),
                      incident.errorMessage(),
                      incident.failedStep(),
                      now
                    })
            .toList());
  }

  private void saveSubscriptions(final InstanceState state, final StatementBatch statements) {
    for (final SubscriptionKind kind : SubscriptionKind.values()) {
      final List<Object[]> owners = new ArrayList<>();
      state
          .closedSubscriptionOwners()
          .forEach(
              (owner, kinds) -> {
                if (kinds.contains(kind)) {
                  owners.add(new Object[] {owner});
                }
              });
      if (!owners.isEmpty()) {
        statements.addEach(
            "DELETE FROM engine." + kind.table() + " WHERE element_instance_key = ?", owners);
      }
    }
    if (!state.closedSubscriptions().isEmpty()) {
      final List<Object[]> closed =
          state.closedSubscriptions().stream()
              .map(c -> new Object[] {c.elementInstanceKey(), c.elementId()})
              .toList();
      for (final String table : List.of("timer", "message_subscription", "signal_subscription")) {
        statements.addEach(
            "DELETE FROM engine." + table + " WHERE element_instance_key = ? AND element_id = ?",
            closed);
      }
    }
    if (state.migration() != null) {
      // Between the deletion of the subscriptions it closed and the insertion of those it opened.
      state.migration().addTo(statements);
    }
    if (!state.newTimers().isEmpty()) {
      statements.addEach(
          "INSERT INTO engine.timer (key, process_definition_key, process_instance_key,"
              + " element_instance_key, element_id, due_date, repetitions, cycle)"
              + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
          state.newTimers().stream()
              .map(
                  t ->
                      new Object[] {
                        t.key(),
                        t.processDefinitionKey(),
                        t.processInstanceKey(),
                        t.elementInstanceKey(),
                        t.elementId(),
                        Timestamp.from(t.dueDate()),
                        t.repetitions(),
                        t.cycle()
                      })
              .toList());
    }
    if (!state.newMessageSubscriptions().isEmpty()) {
      statements.addEach(
          "INSERT INTO engine.message_subscription (key, process_instance_key,"
              + " element_instance_key, element_id, bpmn_process_id, message_name,"
              + " correlation_key, interrupting) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
          state.newMessageSubscriptions().stream()
              .map(
                  m ->
                      new Object[] {
                        m.key(),
                        m.processInstanceKey(),
                        m.elementInstanceKey(),
                        m.elementId(),
                        m.bpmnProcessId(),
                        m.messageName(),
                        m.correlationKey(),
                        m.interrupting()
                      })
              .toList());
    }
    if (!state.messageClaims().isEmpty()) {
      statements.addEach(
          "INSERT INTO engine.message_correlation (message_key, bpmn_process_id) VALUES (?, ?)",
          state.messageClaims().stream()
              .map(c -> new Object[] {c.messageKey(), c.bpmnProcessId()})
              .toList());
    }
    if (!state.newSignalSubscriptions().isEmpty()) {
      statements.addEach(
          "INSERT INTO engine.signal_subscription (key, signal_name, process_definition_key,"
              + " bpmn_process_id, element_id, process_instance_key, element_instance_key)"
              + " VALUES (?, ?, ?, ?, ?, ?, ?)",
          state.newSignalSubscriptions().stream()
              .map(
                  s ->
                      new Object[] {
                        s.key(),
                        s.signalName(),
                        s.processDefinitionKey(),
                        s.bpmnProcessId(),
                        s.elementId(),
                        s.processInstanceKey(),
                        s.elementInstanceKey()
                      })
              .toList());
    }
  }

  private static void saveCompensations(
      final InstanceState state, final StatementBatch statements) {
    final long pi = state.processInstance().key();
    final CompensationSubscriptions compensations = state.compensations();
    if (state.ended()) {
      // What was not compensated never is once the instance ended; nothing to write otherwise.
      if (compensations.stored()) {
        statements.add(
            "DELETE FROM engine.compensation_subscription WHERE process_instance_key = ?", pi);
      }
      return;
    }
    if (!compensations.deleted().isEmpty()) {
      deleteByKeys(statements, "compensation_subscription", "key", compensations.deleted());
    }
    if (!compensations.inserted().isEmpty()) {
      statements.addEach(
          "INSERT INTO engine.compensation_subscription (key, process_instance_key, scope_key,"
              + " element_id, handler_id, state) VALUES (?, ?, ?, ?, ?, ?)",
          compensations.inserted().stream()
              .map(
                  c ->
                      new Object[] {
                        c.key(), pi, c.scopeKey(), c.elementId(), c.handlerId(), c.state().name()
                      })
              .toList());
    }
  }

  private void saveUserTasks(
      final InstanceState state, final Timestamp now, final StatementBatch statements) {
    if (!state.canceledUserTaskElements().isEmpty()) {
      statements.addEach(
          "UPDATE engine.user_task SET state = 'CANCELED', completed_at = ?"
              + " WHERE element_instance_key = ? AND state NOT IN ('COMPLETED', 'CANCELED')",
          state.canceledUserTaskElements().stream().map(key -> new Object[] {now, key}).toList());
    }
    for (final NewUserTask task : state.newUserTasks()) {
      UserTaskRows.addInsertTo(statements, task, now.toInstant());
    }
  }
}
