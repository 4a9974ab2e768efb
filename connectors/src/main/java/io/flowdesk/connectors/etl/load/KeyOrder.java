package io.flowdesk.connectors.etl.load;

import java.util.List;
import java.util.Set;

/**
 * Watches the keys of the staged rows for the common case of an export already in key order, where
 * every key is greater than the one before and the input therefore holds no duplicates. The merge
 * can then skip the sort that de-duplication needs, which is a fifth of a million-row first load.
 *
 * <p>Only whole-number keys are judged (Java {@code Integer} or {@code Long} values going into an
 * integer or numeric column): for them Java's order and equality are PostgreSQL's. Text keys
 * compare by collation, and a cast on the way in could make distinct values equal, so any other key
 * keeps the sort. Memory is one key, whatever the input size.
 */
final class KeyOrder {

  private static final Set<String> WHOLE_NUMBER_TYPES =
      Set.of("smallint", "integer", "bigint", "numeric");

  private final int[] positions;
  private final long[] previous;
  private final long[] current;
  private boolean increasing;
  private boolean first = true;

  private KeyOrder(final int[] positions, final boolean judged) {
    this.positions = positions;
    this.previous = new long[positions.length];
    this.current = new long[positions.length];
    this.increasing = judged;
  }

  /**
   * Watches the key {@code key} among {@code columns}, whose target column types are {@code types};
   * a key-less load or a key with another type is never found free of duplicates.
   */
  static KeyOrder of(final List<String> columns, final List<String> key, final List<String> types) {
    final int[] positions = new int[key.size()];
    boolean judged = !key.isEmpty();
    for (int i = 0; i < positions.length; i++) {
      positions[i] = columns.indexOf(key.get(i));
      final String type = types.get(i);
      final String base = type == null ? "" : type.replaceFirst("\\(.*\\)$", "");
      judged &= positions[i] >= 0 && WHOLE_NUMBER_TYPES.contains(base);
    }
    return new KeyOrder(positions, judged);
  }

  /** Takes the key of a row just staged (values in the load's column order). */
  void observe(final Object[] values) {
    if (!increasing) {
      return;
    }
    for (int i = 0; i < positions.length; i++) {
      final Object value = values[positions[i]];
      if (value instanceof Long number) {
        current[i] = number;
      } else if (value instanceof Integer number) {
        current[i] = number;
      } else {
        increasing = false;
        return;
      }
    }
    if (!first && compare() <= 0) {
      increasing = false;
      return;
    }
    first = false;
    System.arraycopy(current, 0, previous, 0, current.length);
  }

  private int compare() {
    for (int i = 0; i < current.length; i++) {
      final int order = Long.compare(current[i], previous[i]);
      if (order != 0) {
        return order;
      }
    }
    return 0;
  }

  /** Whether every key so far was greater than the one before, so no two are equal. */
  boolean distinct() {
    return increasing;
  }
}
