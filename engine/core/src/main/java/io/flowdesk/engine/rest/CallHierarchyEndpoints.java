package io.flowdesk.engine.rest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A process instance among those its call activities connect: the instances above it, root first,
 * and the incidents in it and in every instance it called.
 */
final class CallHierarchyEndpoints {

  private final Search search;
  private final JdbcClient jdbc;

  CallHierarchyEndpoints(final Search search, final JdbcClient jdbc) {
    this.search = search;
    this.jdbc = jdbc;
  }

  void register(final Router router) {
    router
        .add("GET", "/process-instances/{processInstanceKey}/call-hierarchy", this::ancestry)
        .add("POST", "/process-instances/{processInstanceKey}/incidents/search", this::incidents);
  }

  /** The instance's ancestry: the root instance first, the instance itself last. */
  private void ancestry(final Exchange exchange) {
    final long key = exchange.pathKey("processInstanceKey");
    final List<Map<String, Object>> chain =
        jdbc.sql(
                """
                WITH RECURSIVE chain (key, parent, depth) AS (
                    SELECT key, parent_process_instance_key, 0
                      FROM engine.process_instance WHERE key = ?
                    UNION ALL
                    SELECT p.key, p.parent_process_instance_key, c.depth + 1
                      FROM engine.process_instance p JOIN chain c ON p.key = c.parent)
                SELECT c.key, p.process_definition_key, d.name
                  FROM chain c
                  JOIN engine.process_instance p ON p.key = c.key
                  JOIN engine.process_definition d ON d.key = p.process_definition_key
                 ORDER BY c.depth DESC""")
            .param(key)
            .query(
                (rs, n) -> {
                  final Map<String, Object> entry = new LinkedHashMap<>();
                  entry.put("processInstanceKey", Keys.format(rs.getLong(1)));
                  entry.put("processDefinitionKey", Keys.format(rs.getLong(2)));
                  entry.put("processDefinitionName", rs.getString(3));
                  return entry;
                })
            .list();
    if (chain.isEmpty()) {
      throw Search.notFound("process instance", key);
    }
    exchange.json(200, chain);
  }

  private void incidents(final Exchange exchange) {
    final long key = exchange.pathKey("processInstanceKey");
    search.get(SearchSpecs.PROCESS_INSTANCES, "processInstanceKey", key, "process instance");
    exchange.json(200, search.run(SearchSpecs.incidentsCausedBy(key), exchange.json()));
  }
}
