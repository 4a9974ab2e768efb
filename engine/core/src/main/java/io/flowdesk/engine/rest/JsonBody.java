package io.flowdesk.engine.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowdesk.engine.support.Json;
import io.flowdesk.engine.support.Rejection;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A JSON request object with typed reads that refuse wrong types naming the field, so that a client
 * learns exactly which property to fix. Absent and null properties read as absent.
 */
final class JsonBody {

  private final ObjectNode node;
  private final String prefix;

  private JsonBody(final ObjectNode node, final String prefix) {
    this.node = node;
    this.prefix = prefix;
  }

  static JsonBody of(final JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return new JsonBody(JsonNodeFactory.instance.objectNode(), "");
    }
    if (!node.isObject()) {
      throw Rejection.invalidArgument(
          "Expected the request body to be a JSON object, but found a JSON "
              + node.getNodeType().name().toLowerCase(Locale.ROOT));
    }
    return new JsonBody((ObjectNode) node, "");
  }

  private JsonNode get(final String field) {
    final JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value;
  }

  boolean has(final String field) {
    return get(field) != null;
  }

  String text(final String field) {
    final JsonNode value = get(field);
    if (value == null) {
      return null;
    }
    if (!value.isTextual()) {
      throw wrongType(field, "a string", value);
    }
    return value.asText();
  }

  String requiredText(final String field) {
    final String value = text(field);
    if (value == null || value.isBlank()) {
      throw Rejection.invalidArgument("Expected a non-empty '" + name(field) + "', but none given");
    }
    return value;
  }

  Long number(final String field) {
    final JsonNode value = get(field);
    if (value == null) {
      return null;
    }
    if (!value.isIntegralNumber() || !value.canConvertToLong()) {
      throw wrongType(field, "an integer", value);
    }
    return value.asLong();
  }

  int intValue(final String field, final int absent) {
    final Long value = number(field);
    if (value == null) {
      return absent;
    }
    if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
      throw wrongType(field, "a 32-bit integer", get(field));
    }
    return value.intValue();
  }

  long longValue(final String field, final long absent) {
    final Long value = number(field);
    return value == null ? absent : value;
  }

  Boolean bool(final String field) {
    final JsonNode value = get(field);
    if (value == null) {
      return null;
    }
    if (!value.isBoolean()) {
      throw wrongType(field, "a boolean", value);
    }
    return value.asBoolean();
  }

  /** A key, sent as a string (as Camunda's REST API does) or as a number; absent: -1. */
  long key(final String field) {
    final JsonNode value = get(field);
    if (value == null) {
      return -1;
    }
    if (value.isIntegralNumber() && value.canConvertToLong()) {
      return value.asLong();
    }
    if (value.isTextual()) {
      return Keys.parse(value.asText(), name(field));
    }
    throw wrongType(field, "a key (a string of digits)", value);
  }

  /** A variables document: a JSON object, or absent/null for none. */
  Map<String, Object> document(final String field) {
    return Json.document(get(field), "'" + name(field) + "'");
  }

  List<String> strings(final String field) {
    final JsonNode value = get(field);
    final List<String> result = new ArrayList<>();
    if (value == null) {
      return result;
    }
    if (!value.isArray()) {
      throw wrongType(field, "an array of strings", value);
    }
    for (final JsonNode item : value) {
      if (!item.isTextual()) {
        throw wrongType(field, "an array of strings", value);
      }
      result.add(item.asText());
    }
    return result;
  }

  /** A nested object; an empty one when absent. */
  JsonBody object(final String field) {
    final JsonNode value = get(field);
    if (value == null) {
      return new JsonBody(JsonNodeFactory.instance.objectNode(), name(field) + ".");
    }
    if (!value.isObject()) {
      throw wrongType(field, "a JSON object", value);
    }
    return new JsonBody((ObjectNode) value, name(field) + ".");
  }

  /** The objects of an array property; empty when absent. */
  List<JsonBody> objects(final String field) {
    final JsonNode value = get(field);
    if (value == null) {
      return List.of();
    }
    if (!value.isArray()) {
      throw wrongType(field, "an array", value);
    }
    final List<JsonBody> objects = new ArrayList<>();
    for (int i = 0; i < value.size(); i++) {
      final JsonNode item = value.get(i);
      if (!item.isObject()) {
        throw wrongType(field + "[" + i + "]", "a JSON object", item);
      }
      objects.add(new JsonBody((ObjectNode) item, name(field) + "[" + i + "]."));
    }
    return objects;
  }

  /** The raw value of a property, null when absent or null. */
  JsonNode node(final String field) {
    return get(field);
  }

  List<String> fieldNames() {
    final List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  int size(final String field) {
    final JsonNode value = get(field);
    return value == null || !value.isArray() ? 0 : value.size();
  }

  /** The property's full name in the request ({@code migrationPlan.targetProcessDefinitionKey}). */
  String path(final String field) {
    return name(field);
  }

  private String name(final String field) {
    return prefix + field;
  }

  private Rejection wrongType(final String field, final String expected, final JsonNode value) {
    final String shown = value.toString();
    return Rejection.invalidArgument(
        "Expected '"
            + name(field)
            + "' to be "
            + expected
            + ", but found a JSON "
            + value.getNodeType().name().toLowerCase(Locale.ROOT)
            + ": "
            + (shown.length() > 60 ? shown.substring(0, 57) + "..." : shown));
  }
}
