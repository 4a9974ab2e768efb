package io.flowdesk.engine.rest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Element instance statistics of a process definition (over the instances a process instance filter
 * selects) and of one process instance: per element, how many of its instances are active, have an
 * open incident, completed and were canceled. Live element instances and open incidents come from
 * the state; ended ones, for all of a definition's instances, from the counts the state layer keeps
 * ahead (migration 19), else (a filter, one instance) from the record log. One grouped query each.
 */
final class ElementStatisticsEndpoints {

  /**
   * Chooses the process instances counted, by a condition on {@link SearchSpecs#PROCESS_INSTANCES}.
   */
  private static final String INSTANCES =
      "WITH pi AS MATERIALIZED (SELECT p.key FROM "
          + SearchSpecs.PROCESS_INSTANCES.from()
          + " WHERE ";

  /** A definition's instances whose element instances may be live (ended ones have none left). */
  private static final String ACTIVE_INSTANCES_OF_DEFINITION =
      "WITH pi AS MATERIALIZED (SELECT p.key FROM engine.process_instance p"
          + " WHERE p.process_definition_key = ? AND p.state = 'ACTIVE'";

  /**
   * Live element instances of the instances chosen, active or with an open incident. A
   * multi-instance body and the process itself are not counted: the body shares its activity's id,
   * whose inner instances are counted.
   */
  private static final String LIVE =
      ")"
          + " SELECT element_id, sum(active), sum(canceled), sum(incidents), sum(completed) FROM ("
          + " SELECT e.element_id,"
          + " count(*) FILTER (WHERE i.element_instance_key IS NULL) AS active, 0 AS canceled,"
          + " count(*) FILTER (WHERE i.element_instance_key IS NOT NULL) AS incidents,"
          + " 0 AS completed"
          + " FROM engine.element_instance e LEFT JOIN (SELECT DISTINCT element_instance_key"
          + " FROM engine.incident WHERE state = 'CREATED'"
          + " AND process_instance_key IN (SELECT key FROM pi)) i ON i.element_instance_key = e.key"
          + " WHERE e.process_instance_key IN (SELECT key FROM pi)"
          + " AND e.element_type NOT IN ('PROCESS', 'MULTI_INSTANCE_BODY')"
          + " GROUP BY e.element_id";

  /** Ended element instances of the instances chosen, read from their record log. */
  private static final String ENDED_FROM_RECORD_LOG =
      " UNION ALL SELECT r.element_id, 0,"
          + " count(*) FILTER (WHERE r.intent = 'ELEMENT_TERMINATED'), 0,"
          + " count(*) FILTER (WHERE r.intent = 'ELEMENT_COMPLETED')"
          + " FROM engine.record r WHERE r.process_instance_key IN (SELECT key FROM pi)"
          + " AND r.value_type = 'PROCESS_INSTANCE'"
          + " AND r.intent IN ('ELEMENT_COMPLETED', 'ELEMENT_TERMINATED')"
          + " AND (r.payload::json ->> 'bpmnElementType') NOT IN ('PROCESS', 'MULTI_INSTANCE_BODY')"
          + " GROUP BY r.element_id) s GROUP BY element_id ORDER BY element_id";

  /**
   * Ended element instances of all of a definition's instances, as counted ahead (migration 19):
   * the totals plus the changes not folded into them yet. Elements whose counts went back to 0
   * (history cleanup removed all their instances) are left out, as the record log has none.
   */
  private static final String ENDED_COUNTED_AHEAD =
      " UNION ALL SELECT element_id, 0, terminated, 0, completed FROM engine.element_count"
          + " WHERE process_definition_key = ?"
          + " UNION ALL SELECT element_id, 0, terminated, 0, completed"
          + " FROM engine.element_count_change WHERE process_definition_key = ?) s"
          + " GROUP BY element_id"
          + " HAVING sum(active) + sum(canceled) + sum(incidents) + sum(completed) <> 0"
          + " ORDER BY element_id";

  private final JdbcClient jdbc;
  private final Search search;

  ElementStatisticsEndpoints(final JdbcClient jdbc, final Search search) {
    this.jdbc = jdbc;
    this.search = search;
  }

  void register(final Router router) {
    router
        .add(
            "POST",
            "/process-definitions/{processDefinitionKey}/statistics/element-instances",
            this::ofDefinition)
        .add(
            "GET",
            "/process-instances/{processInstanceKey}/statistics/element-instances",
            this::ofInstance);
  }

  private void ofDefinition(final Exchange exchange) {
    final long key = exchange.pathKey("processDefinitionKey");
    final JsonBody body = exchange.json();
    if (!exists("SELECT 1 FROM engine.process_definition WHERE key = ? AND NOT deleted", key)) {
      throw Search.notFound("process definition", key);
    }
    final JsonBody filter = body.object("filter");
    if (filter.fieldNames().stream().allMatch(name -> filter.node(name) == null)) {
      // All instances of the definition: what is counted ahead, not their whole record log.
      exchange.json(
          200,
          statistics(
              ACTIVE_INSTANCES_OF_DEFINITION + LIVE + ENDED_COUNTED_AHEAD, List.of(key, key, key)));
      return;
    }
    final List<Object> parameters = new ArrayList<>();
    parameters.add(key);
    final String condition = search.condition(SearchSpecs.PROCESS_INSTANCES, filter, parameters);
    exchange.json(
        200,
        statistics(
            INSTANCES
                + "p.process_definition_key = ? AND "
                + condition
                + LIVE
                + ENDED_FROM_RECORD_LOG,
            parameters));
  }

  private void ofInstance(final Exchange exchange) {
    final long key = exchange.pathKey("processInstanceKey");
    if (!exists("SELECT 1 FROM engine.process_instance WHERE key = ?", key)) {
      throw Search.notFound("process instance", key);
    }
    exchange.json(
        200, statistics(INSTANCES + "p.key = ?" + LIVE + ENDED_FROM_RECORD_LOG, List.of(key)));
  }

  private boolean exists(final String sql, final long key) {
    return jdbc.sql(sql).param(key).query(Integer.class).optional().isPresent();
  }

  private Map<String, Object> statistics(final String sql, final List<Object> parameters) {
    final List<Map<String, Object>> items =
        jdbc.sql(sql)
            .params(parameters)
            .query(
                (rs, n) -> {
                  final Map<String, Object> item = new LinkedHashMap<>();
                  item.put("elementId", rs.getString(1));
                  item.put("active", rs.getLong(2));
                  item.put("canceled", rs.getLong(3));
                  item.put("incidents", rs.getLong(4));
                  item.put("completed", rs.getLong(5));
                  return item;
                })
            .list();
    return Map.of("items", items);
  }
}
