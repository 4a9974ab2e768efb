package io.flowdesk.app.audit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The last guard before an action's fields reach the trail: publishers are asked never to put a
 * password, hash, token or secret value into before/after, and this drops any key (at any depth)
 * whose name suggests one, in case one slips through. The trail is kept for years and exported; a
 * leaked credential there would outlive any rotation.
 */
final class SensitiveKeys {

  private static final List<String> SUSPICIOUS =
      List.of(
          "password",
          "passwd",
          "secret",
          "token",
          "hash",
          "credential",
          "recovery",
          "apikey",
          "privatekey");

  private SensitiveKeys() {}

  static Map<String, Object> dropped(final Map<String, Object> fields) {
    final Map<String, Object> kept = new LinkedHashMap<>();
    fields.forEach(
        (key, value) -> {
          if (!isSuspicious(key)) {
            kept.put(key, cleaned(value));
          }
        });
    return kept;
  }

  static boolean isSuspicious(final String key) {
    final String name = key.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
    return SUSPICIOUS.stream().anyMatch(name::contains);
  }

  @SuppressWarnings("unchecked")
  private static Object cleaned(final Object value) {
    if (value instanceof Map<?, ?> map) {
      final Map<String, Object> nested = new LinkedHashMap<>();
      map.forEach((k, v) -> nested.put(String.valueOf(k), v));
      return dropped(nested);
    }
    if (value instanceof Iterable<?> items) {
      final List<Object> list = new ArrayList<>();
      items.forEach(item -> list.add(cleaned(item)));
      return list;
    }
    return value;
  }
}
