package io.flowdesk.engine.execution;

import java.util.HashMap;
import java.util.Map;

/**
 * Variables an event brought (a message's, a signal's, an error's), held for the element instance
 * that is about to activate because of it until its activation takes them.
 */
final class EventVariables {

  private final Map<Long, Map<String, Object>> byElementInstance = new HashMap<>();

  void put(final long elementInstanceKey, final Map<String, Object> variables) {
    byElementInstance.put(elementInstanceKey, variables);
  }

  /** The variables held for the element instance, null when no event activated it. */
  Map<String, Object> take(final long elementInstanceKey) {
    return byElementInstance.remove(elementInstanceKey);
  }
}
