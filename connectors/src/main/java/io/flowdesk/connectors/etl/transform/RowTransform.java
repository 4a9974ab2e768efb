package io.flowdesk.connectors.etl.transform;

import io.flowdesk.connectors.etl.EtlException;
import io.flowdesk.connectors.etl.RowExpression;
import io.flowdesk.connectors.etl.extract.RowLayout;
import io.flowdesk.connectors.etl.extract.SourceRow;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Turns source rows into target rows: picks and renames columns, casts them, computes derived
 * columns, drops rows a filter refuses and rejects rows that fail a cast or a check.
 *
 * <p>Expressions see the output columns cast so far and, under their own names, the source columns
 * (an output column shadows a source column of the same name).
 *
 * <p>Per row, in this order: mapped columns are cast; derived columns are evaluated (each sees the
 * columns before it); filters run; required columns and checks are verified. The first failure
 * rejects the row with a reason naming the column or check.
 */
public final class RowTransform {

  private final List<OutputColumn> columns;
  private final List<RowExpression> filters;
  private final List<Check> checks;
  private final boolean passThrough;

  private RowTransform(
      final List<OutputColumn> columns,
      final List<RowExpression> filters,
      final List<Check> checks,
      final boolean passThrough) {
    this.columns = List.copyOf(columns);
    this.filters = List.copyOf(filters);
    this.checks = List.copyOf(checks);
    this.passThrough = passThrough;
  }

  /** Every source column under its own name, values unchanged (the database converts them). */
  public static RowTransform passThrough() {
    return new RowTransform(List.of(), List.of(), List.of(), true);
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Resolves the source column names against a source's columns.
   *
   * @throws EtlException naming a mapped column the source does not have
   */
  public Bound bind(final List<String> sourceColumns) {
    final List<OutputColumn> resolved = new ArrayList<>();
    if (passThrough) {
      for (final String column : sourceColumns) {
        resolved.add(new OutputColumn(column, column, null, ColumnType.unchanged(), false));
      }
    }
    resolved.addAll(columns);
    final RowLayout sourceLayout = new RowLayout(sourceColumns);
    final int[] sourceIndexes = new int[resolved.size()];
    for (int i = 0; i < resolved.size(); i++) {
      final OutputColumn column = resolved.get(i);
      sourceIndexes[i] = column.derived() ? -1 : sourceLayout.indexOf(column.sourceColumn());
      if (!column.derived() && sourceIndexes[i] < 0) {
        throw new EtlException(
            "The source has no column '"
                + column.sourceColumn()
                + "' (it has "
                + sourceColumns
                + ")");
      }
    }
    final List<String> names = resolved.stream().map(OutputColumn::name).toList();
    try {
      return new Bound(resolved, new RowLayout(names), sourceIndexes);
    } catch (EtlException e) {
      throw new EtlException("Output columns: " + e.getMessage(), e);
    }
  }

  /** A transform resolved against one source's columns; applies to that source's rows. */
  public final class Bound {
    private final List<OutputColumn> output;
    private final RowLayout layout;
    private final int[] sourceIndexes;
    private final boolean needsView;

    private Bound(
        final List<OutputColumn> output, final RowLayout layout, final int[] sourceIndexes) {
      this.output = List.copyOf(output);
      this.layout = layout;
      this.sourceIndexes = sourceIndexes;
      this.needsView =
          !filters.isEmpty()
              || !checks.isEmpty()
              || output.stream().anyMatch(OutputColumn::derived);
    }

    public List<OutputColumn> columns() {
      return output;
    }

    public RowLayout layout() {
      return layout;
    }

    /** Transforms one row. */
    public Outcome apply(final SourceRow row) {
      final Object[] values = new Object[output.size()];
      final Map<String, Object> view =
          needsView ? new ExpressionView(layout.view(values), row) : null;
      for (int i = 0; i < values.length; i++) {
        final OutputColumn column = output.get(i);
        final Object raw;
        if (column.derived()) {
          try {
            raw = column.expression().evaluate(view);
          } catch (RuntimeException e) {
            return new Outcome.Rejected(
                "derived column '" + column.name() + "' failed: " + message(e));
          }
        } else {
          raw = row.value(sourceIndexes[i]);
        }
        try {
          values[i] = column.type().cast(raw);
        } catch (IllegalArgumentException e) {
          return new Outcome.Rejected("column '" + column.name() + "': " + e.getMessage());
        }
      }
      for (final RowExpression filter : filters) {
        final Object keep;
        try {
          keep = filter.evaluate(view);
        } catch (RuntimeException e) {
          return new Outcome.Rejected("filter failed: " + message(e));
        }
        if (!(keep instanceof Boolean kept)) {
          return new Outcome.Rejected("filter answered '" + keep + "', not true or false");
        }
        if (!kept) {
          return new Outcome.Filtered();
        }
      }
      for (int i = 0; i < values.length; i++) {
        if (values[i] == null && output.get(i).required()) {
          return new Outcome.Rejected("column '" + output.get(i).name() + "' is required");
        }
      }
      for (final Check check : checks) {
        final Object passed;
        try {
          passed = check.expression().evaluate(view);
        } catch (RuntimeException e) {
          return new Outcome.Rejected("check '" + check.name() + "' failed: " + message(e));
        }
        if (!Boolean.TRUE.equals(passed)) {
          return new Outcome.Rejected("check '" + check.name() + "' is not met");
        }
      }
      return new Outcome.Accepted(values);
    }
  }

  /**
   * What expressions see: the output columns cast so far, then the source columns under their
   * source names (so a derived column can use a field that is not loaded).
   */
  private static final class ExpressionView extends AbstractMap<String, Object> {
    private final Map<String, Object> output;
    private final SourceRow source;

    ExpressionView(final Map<String, Object> output, final SourceRow source) {
      this.output = output;
      this.source = source;
    }

    @Override
    public Object get(final Object key) {
      return output.containsKey(key) ? output.get(key) : source.asMap().get(key);
    }

    @Override
    public boolean containsKey(final Object key) {
      return output.containsKey(key) || source.asMap().containsKey(key);
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
      final Map<String, Object> merged = new LinkedHashMap<>(source.asMap());
      merged.putAll(output);
      return Collections.unmodifiableMap(merged).entrySet();
    }
  }

  private static String message(final RuntimeException e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private record Check(String name, RowExpression expression) {}

  /** Builds a {@link RowTransform}; columns appear in the target in the order they are added. */
  public static final class Builder {
    private final List<OutputColumn> columns = new ArrayList<>();
    private final List<RowExpression> filters = new ArrayList<>();
    private final List<Check> checks = new ArrayList<>();
    private boolean passThrough;

    private Builder() {}

    /** Also keeps every source column unchanged, before the columns added here. */
    public Builder keepingSourceColumns() {
      passThrough = true;
      return this;
    }

    /** Source column {@code source}, renamed to {@code target}, cast to {@code type}. */
    public Builder column(final String target, final String source, final ColumnType type) {
      columns.add(new OutputColumn(target, source, null, type, false));
      return this;
    }

    /** Source column {@code name}, cast to {@code type}. */
    public Builder column(final String name, final ColumnType type) {
      return column(name, name, type);
    }

    /** A column computed by {@code expression}, whose answer is cast to {@code type}. */
    public Builder derived(
        final String name, final RowExpression expression, final ColumnType type) {
      columns.add(new OutputColumn(name, null, Objects.requireNonNull(expression), type, false));
      return this;
    }

    /** Rows where any of these (already added) columns is null are rejected. */
    public Builder required(final String... names) {
      for (final String name : names) {
        boolean found = false;
        for (int i = 0; i < columns.size(); i++) {
          final OutputColumn column = columns.get(i);
          if (column.name().equals(name)) {
            columns.set(
                i,
                new OutputColumn(
                    column.name(),
                    column.sourceColumn(),
                    column.expression(),
                    column.type(),
                    true));
            found = true;
          }
        }
        if (!found) {
          throw new IllegalArgumentException("no column '" + name + "' to make required");
        }
      }
      return this;
    }

    /** Keeps only rows for which {@code predicate} answers true. */
    public Builder filter(final RowExpression predicate) {
      filters.add(Objects.requireNonNull(predicate));
      return this;
    }

    /** Rejects rows for which {@code predicate} does not answer true, citing {@code name}. */
    public Builder check(final String name, final RowExpression predicate) {
      checks.add(new Check(name, Objects.requireNonNull(predicate)));
      return this;
    }

    public RowTransform build() {
      return new RowTransform(columns, filters, checks, passThrough);
    }
  }
}
