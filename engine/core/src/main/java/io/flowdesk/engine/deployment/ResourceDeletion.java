package io.flowdesk.engine.deployment;

import io.flowdesk.engine.decision.DeployedDecisions;
import io.flowdesk.engine.event.StartEventSubscriptions;
import io.flowdesk.engine.state.PendingRecord;
import io.flowdesk.engine.state.RecordLog;
import io.flowdesk.engine.support.EngineClock;
import io.flowdesk.engine.support.Rejection;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deletes a deployed process, decision graph or form by key: it can no longer be started or
 * evaluated, and a later deployment of the same id gets a new, higher version.
 */
public final class ResourceDeletion {

  private final JdbcClient jdbc;
  private final JdbcTemplate batch;
  private final TransactionTemplate transactions;
  private final EngineClock clock;
  private final ProcessDefinitions processes;
  private final DeployedDecisions decisions;
  private final StartEventSubscriptions startEvents;

  public ResourceDeletion(
      final JdbcClient jdbc,
      final JdbcTemplate batch,
      final TransactionTemplate transactions,
      final EngineClock clock,
      final ProcessDefinitions processes,
      final DeployedDecisions decisions,
      final StartEventSubscriptions startEvents) {
    this.jdbc = jdbc;
    this.batch = batch;
    this.transactions = transactions;
    this.clock = clock;
    this.processes = processes;
    this.decisions = decisions;
    this.startEvents = startEvents;
  }

  public void delete(final long resourceKey) {
    final String valueType = transactions.execute(tx -> deleteInTransaction(resourceKey));
    if ("PROCESS".equals(valueType)) {
      processes.evict(resourceKey);
    } else if ("DECISION_REQUIREMENTS".equals(valueType)) {
      decisions.evict(resourceKey);
    }
  }

  private String deleteInTransaction(final long key) {
    final String valueType;
    if (markDeleted("process_definition", key)) {
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
      valueType = "PROCESS";
    } else if (markDeleted("decision_requirements", key)) {
      jdbc.sql("UPDATE engine.decision SET deleted = TRUE WHERE decision_requirements_key = ?")
          .param(key)
          .update();
      valueType = "DECISION_REQUIREMENTS";
    } else if (markDeleted("form", key)) {
      valueType = "FORM";
    } else {
      throw Rejection.notFound(
          "Expected to delete resource but no resource found with key `" + key + "`");
    }
    RecordLog.append(
        batch,
        List.of(new PendingRecord(key, valueType, "DELETED", null, null, Map.of())),
        Timestamp.from(clock.now()));
    return valueType;
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

  private boolean markDeleted(final String table, final long key) {
    return jdbc.sql("UPDATE engine." + table + " SET deleted = TRUE WHERE key = ? AND NOT deleted")
            .param(key)
            .update()
        > 0;
  }
}
