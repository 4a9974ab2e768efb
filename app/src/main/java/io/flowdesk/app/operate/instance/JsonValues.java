package io.flowdesk.app.operate.instance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;

/**
 * JSON as operators type it into the console: a variable's value, a filter's value, a
 * modification's variables. What is not JSON is named with where it went wrong.
 */
final class JsonValues {

  private JsonValues() {}

  /** Why {@code text} is not one JSON value, or empty when it is. */
  static Optional<String> problem(final ObjectMapper json, final String text) {
    try {
      read(json, text);
      return Optional.empty();
    } catch (InvalidJsonException e) {
      return Optional.of(e.getMessage());
    }
  }

  /** The one JSON value {@code text} holds. */
  static JsonNode read(final ObjectMapper json, final String text) {
    if (text == null || text.isBlank()) {
      throw new InvalidJsonException(
          "The value is empty: give JSON, e.g. \"text\", 42, true or null.");
    }
    try {
      final JsonNode value = json.readTree(text);
      if (value == null || value.isMissingNode()) {
        throw new InvalidJsonException("The value is empty: give JSON.");
      }
      return value;
    } catch (JsonProcessingException e) {
      throw new InvalidJsonException(
          "The value is not JSON (text goes in double quotes, e.g. \"text\"): "
              + e.getOriginalMessage()
              + " at line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr()
              + ".");
    }
  }

  /** {@code text}'s JSON value written as the engine writes JSON (no spaces). */
  static String canonical(final ObjectMapper json, final String text) {
    try {
      return json.writeValueAsString(read(json, text));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree is always writable", e);
    }
  }

  /** Text that is not the JSON the console asked for, with the reason as its message. */
  static final class InvalidJsonException extends RuntimeException {
    InvalidJsonException(final String message) {
      super(message);
    }
  }
}
