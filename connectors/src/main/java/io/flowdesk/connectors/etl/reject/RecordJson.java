package io.flowdesk.connectors.etl.reject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/** A reject's source values as a JSON object; values other than text, numbers, booleans as text. */
final class RecordJson {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private RecordJson() {}

  static String of(final Map<String, Object> record) {
    final Map<String, Object> plain = new LinkedHashMap<>();
    record.forEach(
        (name, value) ->
            plain.put(
                name,
                value == null || value instanceof Number || value instanceof Boolean
                    ? value
                    : value.toString()));
    try {
      return MAPPER.writeValueAsString(plain);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("plain values always serialise", e);
    }
  }
}
