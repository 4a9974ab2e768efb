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
 * the state, ended ones from the record log; one grouped query each.
 */
final class ElementStatisticsEndpoints {

  /**
   * Chooses the process instances counted, by a condition on {@link SearchSpecs#PROCESS_INSTANCES}.
   */
  private static final String INSTANCES =
      "WITH pi AS MATERIALIZED (SELECT p.key FROM "
          + SearchSpecs.PROCESS_INSTANCES.from()
          + " WHERE ";

  /**
   * Counts per element. A multi-instance body and the process itself are not counted: the body
   * shares its activity's id, whose inner instances are counted.
   */
  private static final String STATISTICS =
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
          + " GROUP BY e.element_id"
          + " UNION ALL SELECT r.element_id, 0,"
          + " count(*) FILTER (WHERE r.intent = 'ELEMENT_TERMINATED'), 0,"
          + " count(*) FILTER (WHERE r.intent = 'ELEMENT_COMPLETED')"
          + " FROM engine.record r WHERE r.process_instance_key IN (SELECT key FROM pi)"
          + " AND r.value_type = 'PROCESS_INSTANCE'"
          + " AND r.intent IN ('ELEMENT_COMPLETED', 'ELEMENT_TERMINATED')"
          + " AND (r.payload::json ->> 'bpmnElementType') NOT IN ('PROCESS', 'MULTI_INSTANCE_BODY')"
          + " GROUP BY r.element_id) s GROUP BY element_id ORDER BY element_id";

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
    final List<Object> parameters = new ArrayList<>();
    parameters.add(key);
    final String filter =
        search.condition(SearchSpecs.PROCESS_INSTANCES, body.object("filter"), parameters);
    exchange.json(200, statistics("p.process_definition_key = ? AND " + filter, parameters));
  }

  private void ofInstance(final Exchange exchange) {
    final long key = exchange.pathKey("processInstanceKey");
    if (!exists("SELECT 1 FROM engine.process_instance WHERE key = ?", key)) {
      throw Search.notFound("process instance", key);
    }
    exchange.json(200, statistics("p.key = ?", List.of(key)));
  }

  private boolean exists(final String sql, final long key) {
    return jdbc.sql(sql).param(key).query(Integer.class).optional().isPresent();
  }

  private Map<String, Object> statistics(final String condition, final List<Object> parameters) {
    final List<Map<String, Object>> items =
        jdbc.sql(INSTANCES + condition + STATISTICS)
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
