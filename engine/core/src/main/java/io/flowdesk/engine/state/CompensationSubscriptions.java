package io.flowdesk.engine.state;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An instance's compensation subscriptions as one command sees them, with what it added and
 * removed, for {@link InstanceStore#save}. Loaded with the live state; few instances have any.
 */
public final class CompensationSubscriptions {

  private final Map<Long, CompensationSubscription> byKey = new LinkedHashMap<>();
  private final Set<Long> inserted = new LinkedHashSet<>();
  private final Set<Long> deleted = new LinkedHashSet<>();
  private boolean stored;

  void load(final CompensationSubscription subscription) {
    byKey.put(subscription.key(), subscription);
    stored = true;
  }

  public void add(final CompensationSubscription subscription) {
    byKey.put(subscription.key(), subscription);
    inserted.add(subscription.key());
  }

  /** Whether the table holds rows of the instance (so that its end must delete them). */
  boolean stored() {
    return stored;
  }

  public void remove(final CompensationSubscription subscription) {
    byKey.remove(subscription.key());
    if (!inserted.remove(subscription.key())) {
      deleted.add(subscription.key());
    }
  }

  /** The subscriptions whose scope is {@code scopeKey}, in the order they were created. */
  public List<CompensationSubscription> inScope(
      final long scopeKey, final CompensationSubscription.State state) {
    final List<CompensationSubscription> found = new ArrayList<>();
    for (final CompensationSubscription subscription : byKey.values()) {
      if (subscription.scopeKey() == scopeKey && subscription.state() == state) {
        found.add(subscription);
      }
    }
    return found;
  }

  /** The running handler of this element instance key, if it is one. */
  public CompensationSubscription invoked(final long handlerKey) {
    final CompensationSubscription subscription = byKey.get(handlerKey);
    return subscription != null && subscription.state() == CompensationSubscription.State.INVOKED
        ? subscription
        : null;
  }

  List<CompensationSubscription> inserted() {
    return inserted.stream().map(byKey::get).toList();
  }

  Set<Long> deleted() {
    return deleted;
  }
}
