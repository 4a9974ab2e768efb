package io.flowdesk.engine.rest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The total of a process instance search from the instance counts the state layer keeps ahead per
 * definition (migration 19), for the filters those counts answer: by definition (key or id) or
 * none, and by state and open incident as the operations console asks (active, completed,
 * terminated, active with an incident, active without). Any other filter is counted.
 */
final class InstanceTotals implements Search.KnownTotal {

  private static final Set<String> ANSWERED =
      Set.of("processDefinitionKey", "processDefinitionId", "state", "hasIncident");

  private final JdbcClient jdbc;

  InstanceTotals(final JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public OptionalLong of(final JsonBody filter) {
    final List<String> conditions = new ArrayList<>();
    final List<Object> parameters = new ArrayList<>();
    String state = null;
    Boolean hasIncident = null;
    for (final String name : filter.fieldNames()) {
      if (absent(filter.node(name))) {
        continue;
      }
      final JsonNode value = equalTo(filter.node(name));
      if (!ANSWERED.contains(name) || value == null) {
        return OptionalLong.empty();
      }
      switch (name) {
        case "processDefinitionKey" -> {
          if (!value.isTextual() && !value.isIntegralNumber()) {
            return OptionalLong.empty();
          }
          conditions.add("process_definition_key = ?");
          parameters.add(Keys.parse(value.asText(), "filter.processDefinitionKey"));
        }
        case "processDefinitionId" -> {
          conditions.add(
              "process_definition_key IN (SELECT key FROM engine.process_definition"
                  + " WHERE bpmn_process_id = ?)");
          parameters.add(value.asText());
        }
        case "state" -> state = value.asText();
        default -> {
          if (!value.isBoolean()) {
            return OptionalLong.empty();
          }
          hasIncident = value.asBoolean();
        }
      }
    }
    final String count = count(state, hasIncident);
    if (count == null) {
      return OptionalLong.empty();
    }
    final String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    final List<Object> both = new ArrayList<>(parameters);
    both.addAll(parameters);
    return OptionalLong.of(
        jdbc.sql(
                "SELECT coalesce(sum("
                    + count
                    + "), 0) FROM (SELECT * FROM engine.instance_count"
                    + where
                    + " UNION ALL SELECT * FROM engine.instance_count_change"
                    + where
                    + ") c")
            .params(both)
            .query(Long.class)
            .single());
  }

  /** The expression over the counts that answers the filter; null when none does. */
  private static String count(final String state, final Boolean hasIncident) {
    if (hasIncident == null) {
      if (state == null) {
        return "active + completed + terminated";
      }
      return switch (state) {
        case "ACTIVE" -> "active";
        case "COMPLETED" -> "completed";
        case "TERMINATED" -> "terminated";
        default -> null;
      };
    }
    // Only active instances are counted by their incidents.
    if (hasIncident) {
      return state == null || "ACTIVE".equals(state) ? "with_incident" : null;
    }
    return "ACTIVE".equals(state) ? "active - with_incident" : null;
  }

  /**
   * Whether a filter property asks for nothing: missing, null, or an empty list or operator set.
   * camunda-client-java 8.8 sends every list it knows, empty ({@code "tags":[]}, {@code
   * "variables":[]}, {@code "$or":[]}), with each filter it sends.
   */
  private static boolean absent(final JsonNode value) {
    if (value == null || value.isNull()) {
      return true;
    }
    if (value.isArray()) {
      return value.isEmpty();
    }
    if (value.isObject()) {
      for (final JsonNode operand : value) {
        if (!absent(operand)) {
          return false;
        }
      }
      return true;
    }
    return false;
  }

  /**
   * The value a filter property asks for equality with, plain or as {@code $eq} (the client sends
   * {@code {"$eq":"x","$in":[],"$notIn":[]}}: the empty operators ask for nothing); else null.
   */
  private static JsonNode equalTo(final JsonNode value) {
    if (value.isValueNode()) {
      return value;
    }
    if (!value.isObject() || value.get("$eq") == null || !value.get("$eq").isValueNode()) {
      return null;
    }
    final var operators = value.fields();
    while (operators.hasNext()) {
      final var operator = operators.next();
      if (!"$eq".equals(operator.getKey()) && !absent(operator.getValue())) {
        return null;
      }
    }
    return value.get("$eq");
  }
}
