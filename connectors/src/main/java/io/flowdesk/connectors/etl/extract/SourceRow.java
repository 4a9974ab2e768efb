package io.flowdesk.connectors.etl.extract;

import java.util.Map;
import java.util.Optional;

/**
 * One record read from a source.
 *
 * <p>{@link #line()} is where to look for the record: for CSV the physical line on which it starts,
 * for JSON APIs and JDBC its 1-based position in the whole run. A row the source could read but not
 * make sense of (for example a CSV record with the wrong number of fields) carries a {@link
 * #defect()}; the run rejects it instead of failing.
 */
public final class SourceRow {

  private final long line;
  private final RowLayout layout;
  private final Object[] values;
  private final String defect;

  public SourceRow(final long line, final RowLayout layout, final Object[] values) {
    this(line, layout, values, null);
  }

  public SourceRow(
      final long line, final RowLayout layout, final Object[] values, final String defect) {
    this.line = line;
    this.layout = layout;
    this.values = values;
    this.defect = defect;
  }

  public long line() {
    return line;
  }

  public RowLayout layout() {
    return layout;
  }

  /** Value at {@code position} of the layout, or {@code null} when the record is shorter. */
  public Object value(final int position) {
    return position < values.length ? values[position] : null;
  }

  /** Value of {@code column}, or {@code null} when absent. */
  public Object get(final String column) {
    final int position = layout.indexOf(column);
    return position < 0 ? null : value(position);
  }

  /** Read-only view of the record keyed by column name. */
  public Map<String, Object> asMap() {
    return layout.view(values);
  }

  /** Why the record is unusable as it stands, if it is. */
  public Optional<String> defect() {
    return Optional.ofNullable(defect);
  }
}
