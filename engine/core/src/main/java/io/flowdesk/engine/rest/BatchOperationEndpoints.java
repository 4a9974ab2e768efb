package io.flowdesk.engine.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowdesk.engine.batch.BatchItem;
import io.flowdesk.engine.batch.BatchOperationType;
import io.flowdesk.engine.command.CommandCore;
import io.flowdesk.engine.support.Rejection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Batch operations over the process instances a search filter selects (cancellation, incident
 * resolution, migration, modification), their progress and per-item outcomes, and their lifecycle
 * (cancel, suspend, resume). The filter is resolved when the batch is created; later instances are
 * not included.
 */
final class BatchOperationEndpoints {

  private final CommandCore core;
  private final Search search;
  private final JdbcClient jdbc;

  BatchOperationEndpoints(final CommandCore core, final Search search, final JdbcClient jdbc) {
    this.core = core;
    this.search = search;
    this.jdbc = jdbc;
  }

  void register(final Router router) {
    router
        .add("POST", "/process-instances/cancellation", this::cancelInstances)
        .add("POST", "/process-instances/incident-resolution", this::resolveIncidents)
        .add("POST", "/process-instances/migration", this::migrateInstances)
        .add("POST", "/process-instances/modification", this::modifyInstances)
        .add("GET", "/batch-operations/{batchOperationKey}", this::get)
        .add("POST", "/batch-operations/search", this::search)
        .add("POST", "/batch-operation-items/search", this::searchItems)
        .add("POST", "/batch-operations/{batchOperationKey}/cancellation", this::cancel)
        .add("POST", "/batch-operations/{batchOperationKey}/suspension", this::suspend)
        .add("POST", "/batch-operations/{batchOperationKey}/resumption", this::resume);
  }

  private void cancelInstances(final Exchange exchange) {
    // Only running root instances can be canceled, whatever the filter says of state and parent.
    final ObjectNode filter = filter(exchange.json()).deepCopy();
    filter.remove(List.of("state", "parentProcessInstanceKey"));
    final List<BatchItem> items =
        instances(filter, " AND p.parent_process_instance_key IS NULL").stream()
            .map(key -> new BatchItem(key, key))
            .toList();
    created(exchange, BatchOperationType.CANCEL_PROCESS_INSTANCE, items, null);
  }

  private void resolveIncidents(final Exchange exchange) {
    final List<Long> instances = instances(filter(exchange.json()), "");
    final List<BatchItem> items =
        jdbc.sql(
                "SELECT key, process_instance_key FROM engine.incident WHERE state = 'CREATED'"
                    + " AND process_instance_key = ANY (?::bigint[]) ORDER BY key")
            .param(instances.toArray(Long[]::new))
            .query((rs, n) -> new BatchItem(rs.getLong(1), rs.getLong(2)))
            .list();
    created(exchange, BatchOperationType.RESOLVE_INCIDENT, items, null);
  }

  private void migrateInstances(final Exchange exchange) {
    final JsonBody body = exchange.json();
    final ObjectNode filter = filter(body);
    if (!body.has("migrationPlan")) {
      throw Rejection.invalidArgument(
          "Expected 'migrationPlan' with 'targetProcessDefinitionKey' and 'mappingInstructions'");
    }
    // Read here for the request's own problems (named by field); the batch reads it again.
    ProcessInstanceEndpoints.migration(body.object("migrationPlan"));
    created(
        exchange,
        BatchOperationType.MIGRATE_PROCESS_INSTANCE,
        asItems(instances(filter, "")),
        body.node("migrationPlan").toString());
  }

  private void modifyInstances(final Exchange exchange) {
    final JsonBody body = exchange.json();
    final ObjectNode filter = filter(body);
    final List<JsonBody> moves = body.objects("moveInstructions");
    for (final JsonBody move : moves) {
      move.requiredText("sourceElementId");
      move.requiredText("targetElementId");
    }
    if (moves.isEmpty()) {
      throw Rejection.invalidArgument(
          "Expected 'moveInstructions' with at least one {sourceElementId, targetElementId}");
    }
    created(
        exchange,
        BatchOperationType.MODIFY_PROCESS_INSTANCE,
        asItems(instances(filter, "")),
        body.node("moveInstructions").toString());
  }

  /** The request's process instance filter; required, and may be empty (every instance). */
  private static ObjectNode filter(final JsonBody body) {
    final JsonNode filter = body.node("filter");
    if (filter == null) {
      throw Rejection.invalidArgument(
          "Expected 'filter', the process instance filter that selects the instances; send {}"
              + " to select every instance");
    }
    if (!filter.isObject()) {
      throw Rejection.invalidArgument("Expected 'filter' to be a JSON object");
    }
    return (ObjectNode) filter;
  }

  /** The running instances {@code filter} selects, by key. */
  private List<Long> instances(final ObjectNode filter, final String alsoSql) {
    final List<Object> parameters = new ArrayList<>();
    final String condition =
        search.condition(SearchSpecs.PROCESS_INSTANCES, JsonBody.of(filter), parameters);
    return jdbc.sql(
            "SELECT p.key FROM "
                + SearchSpecs.PROCESS_INSTANCES.from()
                + " WHERE p.state = 'ACTIVE'"
                + alsoSql
                + " AND ("
                + condition
                + ") ORDER BY p.key")
        .params(parameters)
        .query(Long.class)
        .list();
  }

  private static List<BatchItem> asItems(final List<Long> instances) {
    return instances.stream().map(key -> new BatchItem(key, key)).toList();
  }

  private void created(
      final Exchange exchange,
      final BatchOperationType type,
      final List<BatchItem> items,
      final String plan) {
    final long key = core.batches().create(type, items, plan, exchange.client().name());
    final Map<String, Object> body = new LinkedHashMap<>();
    body.put("batchOperationKey", Keys.format(key));
    body.put("batchOperationType", type.name());
    exchange.json(200, body);
  }

  private void get(final Exchange exchange) {
    final long key = exchange.pathKey("batchOperationKey");
    exchange.json(
        200, search.get(SearchSpecs.BATCH_OPERATIONS, "batchOperationKey", key, "batch operation"));
  }

  private void search(final Exchange exchange) {
    exchange.json(200, search.run(SearchSpecs.BATCH_OPERATIONS, exchange.json()));
  }

  private void searchItems(final Exchange exchange) {
    exchange.json(200, search.run(SearchSpecs.BATCH_OPERATION_ITEMS, exchange.json()));
  }

  private void cancel(final Exchange exchange) {
    exchange.json();
    core.batches().cancel(exchange.pathKey("batchOperationKey"));
    exchange.noContent();
  }

  private void suspend(final Exchange exchange) {
    exchange.json();
    core.batches().suspend(exchange.pathKey("batchOperationKey"));
    exchange.noContent();
  }

  private void resume(final Exchange exchange) {
    exchange.json();
    core.batches().resume(exchange.pathKey("batchOperationKey"));
    exchange.noContent();
  }
}
