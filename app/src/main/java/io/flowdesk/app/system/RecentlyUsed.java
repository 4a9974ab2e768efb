package io.flowdesk.app.system;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A bounded cache of values that never change once made (a parsed diagram, a deployed form): the
 * least recently used entry goes when it is full. A missing value is computed outside the lock, so
 * a page never waits for another page's engine call; two pages may compute the same value once
 * each.
 */
public final class RecentlyUsed<K, V> {

  private final Map<K, V> entries;

  public RecentlyUsed(final int capacity) {
    this.entries =
        Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
              @Override
              protected boolean removeEldestEntry(final Map.Entry<K, V> eldest) {
                return size() > capacity;
              }
            });
  }

  /** The value kept for {@code key}, or {@code compute}'s, which is then kept (unless null). */
  public V get(final K key, final Function<K, V> compute) {
    final V known = entries.get(key);
    if (known != null) {
      return known;
    }
    final V computed = compute.apply(key);
    if (computed != null) {
      entries.put(key, computed);
    }
    return computed;
  }
}
