package io.flowdesk.connectors.etl.extract;

import io.flowdesk.connectors.etl.EtlException;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The ordered column names shared by every row of one source or transform, so that rows can be
 * plain value arrays instead of one map per row.
 */
public final class RowLayout {

  private final List<String> columns;
  private final Map<String, Integer> index;

  /**
   * Creates a layout; names must be distinct.
   *
   * @throws EtlException naming the duplicate column
   */
  public RowLayout(final List<String> columns) {
    this.columns = List.copyOf(columns);
    this.index = new HashMap<>();
    for (int i = 0; i < this.columns.size(); i++) {
      if (index.put(this.columns.get(i), i) != null) {
        throw new EtlException("Column '" + this.columns.get(i) + "' appears more than once");
      }
    }
  }

  public List<String> columns() {
    return columns;
  }

  public int size() {
    return columns.size();
  }

  /** Position of {@code column}, or -1 when the layout has no such column. */
  public int indexOf(final String column) {
    final Integer position = index.get(column);
    return position == null ? -1 : position;
  }

  /**
   * A read-only map view of {@code values} (in this layout's order). It copies nothing, so it is
   * only valid while the array is not reused.
   */
  public Map<String, Object> view(final Object[] values) {
    return new View(values);
  }

  private final class View extends AbstractMap<String, Object> {
    private final Object[] values;

    View(final Object[] values) {
      this.values = values;
    }

    @Override
    public Object get(final Object key) {
      final Integer position = index.get(key);
      return position == null || position >= values.length ? null : values[position];
    }

    @Override
    public boolean containsKey(final Object key) {
      return index.containsKey(key);
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
      return new AbstractSet<>() {
        @Override
        public Iterator<Entry<String, Object>> iterator() {
          return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
              return next < columns.size();
            }

            @Override
            public Entry<String, Object> next() {
              if (!hasNext()) {
                throw new NoSuchElementException();
              }
              final int position = next++;
              return new SimpleImmutableEntry<>(
                  columns.get(position), position < values.length ? values[position] : null);
            }
          };
        }

        @Override
        public int size() {
          return columns.size();
        }
      };
    }
  }
}
