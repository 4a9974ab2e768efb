package io.flowdesk.engine.state;

import io.flowdesk.engine.support.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a process instance migration changes besides the in-memory state: rows of other tables that
 * name the instance's definition or its elements (jobs, incidents, user tasks, subscriptions, join
 * tokens). Keys stay as they were; only the definition and element ids move.
 */
public final class MigrationChanges {

  /** A job whose element now runs another job type with other headers. */
  private record MigratedJob(long elementInstanceKey, String type, Map<String, String> headers) {}

  /** A subscription of {@code owner} kept for the catch event its source event is mapped to. */
  private record KeptSubscription(long owner, String sourceEventId, String targetEventId) {}

  /** Tokens waiting at a joining gateway, moved to the gateway it is mapped to. */
  private record MovedJoinPoint(
      long flowScopeKey, String sourceGatewayId, String targetGatewayId) {}

  private final ProcessInstanceRow migrated;
  private final Map<Long, String> renamedElements = new LinkedHashMap<>();
  private final List<MigratedJob> jobs = new ArrayList<>();
  private final List<KeptSubscription> keptSubscriptions = new ArrayList<>();
  private final List<MovedJoinPoint> joinPoints = new ArrayList<>();

  MigrationChanges(final ProcessInstanceRow migrated) {
    this.migrated = migrated;
  }

  void renamedElement(final long elementInstanceKey, final String elementId) {
    renamedElements.put(elementInstanceKey, elementId);
  }

  public void jobChanged(
      final long elementInstanceKey, final String type, final Map<String, String> headers) {
    jobs.add(new MigratedJob(elementInstanceKey, type, headers));
  }

  public void subscriptionKept(
      final long owner, final String sourceEventId, final String targetEventId) {
    keptSubscriptions.add(new KeptSubscription(owner, sourceEventId, targetEventId));
  }

  public void joinPointMoved(
      final long flowScopeKey, final String sourceGatewayId, final String targetGatewayId) {
    joinPoints.add(new MovedJoinPoint(flowScopeKey, sourceGatewayId, targetGatewayId));
  }

  /**
   * Queues the updates. Runs after the subscriptions the migration closed were deleted and before
   * the ones it opened are inserted: a kept subscription may take the id of a closed one, and an
   * opened one the id a kept one had. Renames go through one statement per table over arrays, so
   * that two elements swapping their ids do not overwrite each other.
   */
  void addTo(final StatementBatch statements) {
    final long pi = migrated.key();
    statements.add(
        "UPDATE engine.process_instance SET process_definition_key = ?, bpmn_process_id = ?,"
            + " version = ? WHERE key = ?",
        migrated.processDefinitionKey(),
        migrated.bpmnProcessId(),
        migrated.version(),
        pi);
    if (!renamedElements.isEmpty()) {
      final StatementBatch.SqlArray keys =
          new StatementBatch.SqlArray("bigint", renamedElements.keySet().toArray(Long[]::new));
      final StatementBatch.SqlArray ids =
          new StatementBatch.SqlArray("text", renamedElements.values().toArray(String[]::new));
      for (final String[] table :
          new String[][] {
            {"element_instance", "key"},
            {"job", "element_instance_key"},
            {"incident", "element_instance_key"},
            {"user_task", "element_instance_key"}
          }) {
        statements.add(
            "UPDATE engine."
                + table[0]
                + " t SET element_id = m.element_id FROM unnest(?, ?) AS m (key, element_id)"
                + " WHERE t."
                + table[1]
                + " = m.key",
            keys,
            ids);
      }
    }
    statements.add(
        "UPDATE engine.job SET bpmn_process_id = ?, process_definition_key = ?,"
            + " process_definition_version = ? WHERE process_instance_key = ?",
        migrated.bpmnProcessId(),
        migrated.processDefinitionKey(),
        migrated.version(),
        pi);
    statements.addEach(
        "UPDATE engine.job SET type = ?, custom_headers = ? WHERE element_instance_key = ?"
            + " AND listener_event_type IS NULL AND user_task IS NULL",
        jobs.stream()
            .map(j -> new Object[] {j.type(), Json.write(j.headers()), j.elementInstanceKey()})
            .toList());
    statements.add(
        "UPDATE engine.user_task SET bpmn_process_id = ?, process_definition_key = ?,"
            + " process_definition_version = ? WHERE process_instance_key = ?"
            + " AND state NOT IN ('COMPLETED', 'CANCELED')",
        migrated.bpmnProcessId(),
        migrated.processDefinitionKey(),
        migrated.version(),
        pi);
    if (!keptSubscriptions.isEmpty()) {
      final StatementBatch.SqlArray owners =
          StatementBatch.SqlArray.of(
              "bigint", Long.class, keptSubscriptions, KeptSubscription::owner);
      final StatementBatch.SqlArray sources =
          StatementBatch.SqlArray.of(
              "text", String.class, keptSubscriptions, KeptSubscription::sourceEventId);
      final StatementBatch.SqlArray targets =
          StatementBatch.SqlArray.of(
              "text", String.class, keptSubscriptions, KeptSubscription::targetEventId);
      for (final String table : List.of("timer", "message_subscription", "signal_subscription")) {
        statements.add(
            "UPDATE engine."
                + table
                + " t SET element_id = m.target FROM unnest(?, ?, ?) AS m (owner, source, target)"
                + " WHERE t.element_instance_key = m.owner AND t.element_id = m.source",
            owners,
            sources,
            targets);
      }
    }
    statements.add(
        "UPDATE engine.timer SET process_definition_key = ? WHERE process_instance_key = ?",
        migrated.processDefinitionKey(),
        pi);
    statements.add(
        "UPDATE engine.message_subscription SET bpmn_process_id = ? WHERE process_instance_key = ?",
        migrated.bpmnProcessId(),
        pi);
    statements.add(
        "UPDATE engine.signal_subscription SET process_definition_key = ?, bpmn_process_id = ?"
            + " WHERE process_instance_key = ?",
        migrated.processDefinitionKey(),
        migrated.bpmnProcessId(),
        pi);
    if (!joinPoints.isEmpty()) {
      statements.add(
          "UPDATE engine.taken_sequence_flow t SET gateway_id = m.target"
              + " FROM unnest(?, ?, ?) AS m (scope, source, target)"
              + " WHERE t.flow_scope_key = m.scope AND t.gateway_id = m.source",
          StatementBatch.SqlArray.of(
              "bigint", Long.class, joinPoints, MovedJoinPoint::flowScopeKey),
          StatementBatch.SqlArray.of(
              "text", String.class, joinPoints, MovedJoinPoint::sourceGatewayId),
          StatementBatch.SqlArray.of(
              "text", String.class, joinPoints, MovedJoinPoint::targetGatewayId));
    }
  }
}
