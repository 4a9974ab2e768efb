package io.flowdesk.app.record;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A JSON request body read as a map, checked against the fields an endpoint takes: an unknown field
 * or a value of the wrong type is refused naming it, instead of being ignored.
 */
public final class JsonRequest {

  private final Map<String, Object> body;

  private JsonRequest(final Map<String, Object> body) {
    this.body = body;
  }

  /**
   * @throws InvalidRequestException naming the unknown fields and those that are not strings
   */
  public static JsonRequest ofText(final Map<String, Object> body, final Set<String> fields) {
    final Map<String, Class<?>> types = new LinkedHashMap<>();
    fields.forEach(field -> types.put(field, String.class));
    return of(body, types);
  }

  /**
   * @param fields the fields the endpoint takes and the JSON type of each (String, Boolean or List)
   * @throws InvalidRequestException naming the unknown fields and those of another type
   */
  public static JsonRequest of(final Map<String, Object> body, final Map<String, Class<?>> fields) {
    if (body == null) {
      throw new InvalidRequestException("The request needs a JSON object body.", Map.of());
    }
    final Map<String, String> problems = new LinkedHashMap<>();
    for (final Map.Entry<String, Object> field : body.entrySet()) {
      final Class<?> type = fields.get(field.getKey());
      if (type == null) {
        problems.put(
            field.getKey(),
            "unknown field; known: " + String.join(", ", new TreeSet<>(fields.keySet())));
      } else if (field.getValue() != null && !type.isInstance(field.getValue())) {
        problems.put(
            field.getKey(),
            type == Boolean.class
                ? "must be true or false"
                : type == List.class ? "must be a list" : "must be a string");
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidRequestException(
          "The request has fields this endpoint does not take.", problems);
    }
    return new JsonRequest(body);
  }

  public String text(final String field) {
    final Object value = body.get(field);
    return value == null ? null : (String) value;
  }

  /**
   * A list of texts (empty when the field is absent).
   *
   * @param what the texts in words, for the problem ("incident numbers")
   * @throws InvalidRequestException the list holds something other than text
   */
  public List<String> texts(final String field, final String what) {
    final Object given = body.get(field);
    if (given == null) {
      return List.of();
    }
    final List<?> list = (List<?>) given;
    if (!list.stream().allMatch(String.class::isInstance)) {
      throw new InvalidRequestException(
          field + " must be a list of " + what + ".", Map.of(field, "must be " + what));
    }
    return list.stream().map(String.class::cast).toList();
  }

  public boolean flag(final String field) {
    return Boolean.TRUE.equals(body.get(field));
  }

  public Map<String, Object> values() {
    return body;
  }
}
