package io.flowdesk.engine.state;

import java.util.List;
import java.util.function.Function;

/**
 * Inserts many rows of one table with a single statement that unnests one array per column. A batch
 * of single-row inserts costs the database one execution per row; a command creates several element
 * instances and variables, so that was a large share of its work. The statement text does not
 * depend on the number of rows, so the server keeps one prepared plan for it.
 *
 * @param <T> what one row is made from
 */
final class RowsInsert<T> {

  /**
   * One column: its name, its PostgreSQL element type, the Java type of its values (the driver
   * picks the array's encoding from it), and how a row's value is read.
   */
  record Column<T>(String name, String sqlType, Class<?> javaType, Function<T, Object> value) {

    static <T> Column<T> int8(final String name, final Function<T, Long> value) {
      return new Column<>(name, "bigint", Long.class, value::apply);
    }

    static <T> Column<T> int4(final String name, final Function<T, Integer> value) {
      return new Column<>(name, "integer", Integer.class, value::apply);
    }

    static <T> Column<T> text(final String name, final Function<T, String> value) {
      return new Column<>(name, "text", String.class, value::apply);
    }
  }

  private final String sql;
  private final List<Column<T>> columns;

  RowsInsert(final String table, final List<Column<T>> columns) {
    this.columns = List.copyOf(columns);
    final StringBuilder names = new StringBuilder();
    final StringBuilder arrays = new StringBuilder();
    for (int i = 0; i < columns.size(); i++) {
      final String separator = i == 0 ? "" : ", ";
      names.append(separator).append(columns.get(i).name());
      arrays.append(separator).append("?::").append(columns.get(i).sqlType()).append("[]");
    }
    this.sql =
        "INSERT INTO engine." + table + " (" + names + ") SELECT * FROM unnest(" + arrays + ")";
  }

  /** Adds the insert of {@code rows} to {@code batch}; nothing when there are none. */
  void addTo(final StatementBatch batch, final List<T> rows) {
    if (rows.isEmpty()) {
      return;
    }
    batch.add(
        sql,
        columns.stream()
            .map(c -> StatementBatch.SqlArray.of(c.sqlType(), c.javaType(), rows, c.value()))
            .toArray());
  }
}
