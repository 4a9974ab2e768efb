package io.flowdesk.app.forms;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Dotted keys as form-js reads them: {@code "contact.phone"} is the {@code phone} entry of the
 * {@code contact} object. Variables here are JSON-like Java: maps, lists, strings, numbers,
 * booleans.
 */
final class VariablePaths {

  private VariablePaths() {}

  /** The value at a dotted path; empty when any step is missing, not an object, or null. */
  static Optional<Object> find(final Map<String, ?> variables, final String path) {
    Object current = variables;
    for (final String segment : path.split("\\.")) {
      if (!(current instanceof Map<?, ?> map)) {
        return Optional.empty();
      }
      current = map.get(segment);
    }
    return Optional.ofNullable(current);
  }

  /** Stores a value at a dotted path, creating (or replacing non-object) intermediate objects. */
  @SuppressWarnings("unchecked")
  static void put(final Map<String, Object> variables, final String path, final Object value) {
    final String[] segments = path.split("\\.");
    Map<String, Object> current = variables;
    for (int i = 0; i < segments.length - 1; i++) {
      final Object next = current.get(segments[i]);
      if (next instanceof Map<?, ?> map) {
        current = (Map<String, Object>) map;
      } else {
        final Map<String, Object> created = new LinkedHashMap<>();
        current.put(segments[i], created);
        current = created;
      }
    }
    current.put(segments[segments.length - 1], value);
  }

  /** Removes the value at a dotted path, if there is one. */
  static void remove(final Map<String, Object> variables, final String path) {
    final int dot = path.lastIndexOf('.');
    final Object parent =
        dot < 0 ? variables : find(variables, path.substring(0, dot)).orElse(null);
    if (parent instanceof Map<?, ?> map) {
      map.remove(path.substring(dot + 1));
    }
  }

  /** A copy whose objects (at any depth) may be changed without touching the original. */
  static Map<String, Object> mutableCopy(final Map<String, ?> variables) {
    final Map<String, Object> copy = new LinkedHashMap<>();
    variables.forEach((name, value) -> copy.put(name, copyValue(value)));
    return copy;
  }

  private static Object copyValue(final Object value) {
    if (value instanceof Map<?, ?> map) {
      final Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((name, entry) -> copy.put(String.valueOf(name), copyValue(entry)));
      return copy;
    }
    if (value instanceof List<?> list) {
      return list.stream().map(VariablePaths::copyValue).toList();
    }
    return value;
  }
}
