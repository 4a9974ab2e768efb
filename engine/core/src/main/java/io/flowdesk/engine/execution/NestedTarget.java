package io.flowdesk.engine.execution;

import java.util.LinkedHashMap;
import java.util.Map;

/** Mapping targets may be paths ({@code order.customer.id}); they build nested objects. */
final class NestedTarget {

  private NestedTarget() {}

  @SuppressWarnings("unchecked")
  static void put(final Map<String, Object> document, final String target, final Object value) {
    final String[] path = target.split("\\.", 0);
    Map<String, Object> current = document;
    for (int i = 0; i < path.length - 1; i++) {
      final Object next = current.get(path[i]);
      if (next instanceof Map<?, ?> map) {
        final Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) map);
        current.put(path[i], copy);
        current = copy;
      } else {
        final Map<String, Object> created = new LinkedHashMap<>();
        current.put(path[i], created);
        current = created;
      }
    }
    current.put(path[path.length - 1], value);
  }
}
