package io.flowdesk.engine.deployment;

import io.flowdesk.engine.access.ApiClient;
import io.flowdesk.engine.decision.DeployedDecisions;
import io.flowdesk.engine.state.PendingRecord;
import io.flowdesk.engine.state.RecordLog;
import io.flowdesk.engine.support.EngineClock;
import io.flowdesk.engine.support.Rejection;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deletes a deployed process, decision graph or form by key: it can no longer be started or
 * evaluated, and a later deployment of the same id gets a new, higher version. The {@link
 * DeploymentListener}s hear of it, with who asked, before it commits.
 */
public final class ResourceDeletion {

  private final JdbcClient jdbc;
  private final JdbcTemplate batch;
  private final TransactionTemplate transactions;
  private final EngineClock clock;
  private final ProcessDefinitions processes;
  private final DeployedDecisions decisions;
  private final StartEvents startEvents;
  private final List<DeploymentListener> listeners;

  /** The id and version of a version just marked deleted. */
  private record Marked(DeploymentListener.Kind kind, String id, int version) {}

  public ResourceDeletion(
      final JdbcClient jdbc,
      final JdbcTemplate batch,
      final TransactionTemplate transactions,
      final EngineClock clock,
      final ProcessDefinitions processes,
      final DeployedDecisions decisions,
      final StartEvents startEvents,
      final List<DeploymentListener> listeners) {
    this.jdbc = jdbc;
    this.batch = batch;
    this.transactions = transactions;
    this.clock = clock;
    this.processes = processes;
    this.decisions = decisions;
    this.startEvents = startEvents;
    this.listeners = List.copyOf(listeners);
  }

  /** Deletes the resource version {@code resourceKey} for {@code caller}, the client that asked. */
  public void delete(final long resourceKey, final ApiClient caller) {
    final DeploymentListener.Kind kind =
        transactions.execute(tx -> deleteInTransaction(resourceKey, caller));
    if (kind == DeploymentListener.Kind.PROCESS) {
      processes.evict(resourceKey);
    } else if (kind == DeploymentListener.Kind.DECISION_REQUIREMENTS) {
      decisions.evict(resourceKey);
    }
  }

  private DeploymentListener.Kind deleteInTransaction(final long key, final ApiClient caller) {
    // Keys are unique across tables: at most one of these marks a row.
    final Marked marked =
        markDeleted(DeploymentListener.Kind.PROCESS, "process_definition", "bpmn_process_id", key)
            .or(
                () ->
                    markDeleted(
                        DeploymentListener.Kind.DECISION_REQUIREMENTS,
                        "decision_requirements",
                        "decision_requirements_id",
                        key))
            .or(() -> markDeleted(DeploymentListener.Kind.FORM, "form", "form_id", key))
            .orElseThrow(
                () ->
                    Rejection.notFound(
                        "Expected to delete resource but no resource found with key `"
                            + key
                            + "`"));
    if (marked.kind() == DeploymentListener.Kind.PROCESS) {
      final long running =
          jdbc.sql(
                  "SELECT count(*) FROM engine.process_instance WHERE process_definition_key = ?"
                      + " AND state = 'ACTIVE'")
              .param(key)
              .query(Long.class)
              .single();
      if (running > 0) {
        throw Rejection.invalidState(
            "Expected to delete process definition with key '"
                + key
                + "', but there are still "
                + running
                + " running instances of it");
      }
      reopenStartEvents(key);
    } else if (marked.kind() == DeploymentListener.Kind.DECISION_REQUIREMENTS) {
      jdbc.sql("UPDATE engine.decision SET deleted = TRUE WHERE decision_requirements_key = ?")
          .param(key)
          .update();
    }
    RecordLog.append(
        batch,
        List.of(
            new PendingRecord(
                key,
                marked.kind().name(),
                "DELETED",
                null,
                null,
                Map.of("deletedBy", caller.name()))),
        Timestamp.from(clock.now()));
    final DeploymentListener.Deleted deletion =
        new DeploymentListener.Deleted(marked.kind(), marked.id(), marked.version(), key, caller);
    listeners.forEach(listener -> listener.deleted(deletion));
    return marked.kind();
  }

  /** The latest version left takes over the start events, as when it was deployed last. */
  private void reopenStartEvents(final long deletedKey) {
    final String bpmnProcessId =
        jdbc.sql("SELECT bpmn_process_id FROM engine.process_definition WHERE key = ?")
            .param(deletedKey)
            .query(String.class)
            .single();
    final boolean newerLeft =
        jdbc.sql(
                "SELECT count(*) > 0 FROM engine.process_definition p WHERE bpmn_process_id = ?"
                    + " AND NOT deleted AND version > (SELECT version FROM"
                    + " engine.process_definition WHERE key = ?)")
            .params(bpmnProcessId, deletedKey)
            .query(Boolean.class)
            .single();
    if (newerLeft) {
      return; // the deleted version's start events had closed when the newer one was deployed
    }
    startEvents.closeAll(bpmnProcessId);
    jdbc.sql(
            "SELECT key FROM engine.process_definition WHERE bpmn_process_id = ? AND NOT deleted"
                + " ORDER BY version DESC LIMIT 1")
        .param(bpmnProcessId)
        .query(Long.class)
        .optional()
        .ifPresent(latest -> startEvents.open(latest, processes.byKey(latest).executable()));
  }

  private Optional<Marked> markDeleted(
      final DeploymentListener.Kind kind,
      final String table,
      final String idColumn,
      final long key) {
    return jdbc.sql(
            "UPDATE engine."
                + table
                + " SET deleted = TRUE WHERE key = ? AND NOT deleted RETURNING "
                + idColumn
                + ", version")
        .param(key)
        .query((rs, n) -> new Marked(kind, rs.getString(1), rs.getInt(2)))
        .optional();
  }
}
