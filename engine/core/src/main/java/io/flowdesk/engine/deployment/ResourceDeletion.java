package io.flowdesk.engine.deployment;

import io.flowdesk.engine.decision.DeployedDecisions;
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

  public ResourceDeletion(
      final JdbcClient jdbc,
      final JdbcTemplate batch,
      final TransactionTemplate transactions,
      final EngineClock clock,
      final ProcessDefinitions processes,
      final DeployedDecisions decisions) {
    this.jdbc = jdbc;
    this.batch = batch;
    this.transactions = transactions;
    this.clock = clock;
    this.processes = processes;
    this.decisions = decisions;
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

  private boolean markDeleted(final String table, final long key) {
    return jdbc.sql("UPDATE engine." + table + " SET deleted = TRUE WHERE key = ? AND NOT deleted")
            .param(key)
            .update()
        > 0;
  }
}
