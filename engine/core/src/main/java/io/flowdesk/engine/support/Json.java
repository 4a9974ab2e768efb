package io.flowdesk.engine.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** JSON for variable values, documents and record payloads: one mapper, JSON-like Java values. */
public final class Json {

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
  private static final TypeReference<LinkedHashMap<String, Object>> DOCUMENT =
      new TypeReference<>() {};

  private Json() {}

  public static String write(final Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Value cannot be written as JSON: " + e.getMessage(), e);
    }
  }

  public static Object read(final String json) {
    try {
      return MAPPER.readValue(json, Object.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Invalid JSON: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * Reads a variables document the way Zeebe's gateway does: empty means no variables, anything but
   * a JSON object is refused with a message that names the problem.
   */
  public static Map<String, Object> readDocument(final String json, final String what) {
    if (json == null || json.isBlank()) {
      return new LinkedHashMap<>();
    }
    final Object document;
    try {
      // Straight to Java values: a tree converted afterwards walks every document twice.
      document = MAPPER.readValue(json, Object.class);
    } catch (JsonProcessingException e) {
      throw Rejection.invalidArgument(
          "Expected to deserialize "
              + what
              + " as a JSON object, but it is not valid JSON: "
              + e.getOriginalMessage());
    }
    if (document == null) {
      return new LinkedHashMap<>();
    }
    if (document instanceof Map<?, ?>) {
      @SuppressWarnings("unchecked")
      final Map<String, Object> variables = (Map<String, Object>) document;
      return variables;
    }
    throw notAnObject(what, jsonType(document), json);
  }

  /**
   * The same rule for a document that arrived already parsed (REST bodies): null or absent means no
   * variables, anything but a JSON object is refused naming what it is.
   */
  public static Map<String, Object> document(final JsonNode node, final String what) {
    return document(node, what, node == null ? "" : node.toString());
  }

  private static Map<String, Object> document(
      final JsonNode node, final String what, final String text) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return new LinkedHashMap<>();
    }
    if (!node.isObject()) {
      throw notAnObject(what, node.getNodeType().name().toLowerCase(Locale.ROOT), text);
    }
    return MAPPER.convertValue(node, DOCUMENT);
  }

  private static Rejection notAnObject(final String what, final String found, final String text) {
    return Rejection.invalidArgument(
        "Expected to deserialize "
            + what
            + " as a JSON object, but found a JSON "
            + found
            + ": '"
            + abbreviate(text)
            + "'");
  }

  /** The JSON type of a value read as JSON-like Java values, named as Jackson's tree names it. */
  private static String jsonType(final Object value) {
    if (value instanceof List<?>) {
      return "array";
    }
    if (value instanceof String) {
      return "string";
    }
    if (value instanceof Number) {
      return "number";
    }
    return value instanceof Boolean ? "boolean" : value.getClass().getSimpleName();
  }

  /** A JSON tree as JSON-like Java values (maps, lists, strings, numbers, booleans, null). */
  public static Object value(final JsonNode node) {
    return MAPPER.convertValue(node, Object.class);
  }

  /** Reads JSON text into a tree, with the engine's number handling (decimals stay exact). */
  public static JsonNode tree(final String json) throws JsonProcessingException {
    return MAPPER.readTree(json);
  }

  private static String abbreviate(final String text) {
    return text.length() <= 60 ? text : text.substring(0, 57) + "...";
  }
}
