package io.flowdesk.connectors.etl.extract;

import io.flowdesk.connectors.etl.EtlException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Reads rows from a JDBC query through a server-side cursor, {@link JdbcQuery#fetchSize()} rows at
 * a time, optionally only those above the last watermark.
 *
 * <p>Dates and timestamps arrive as {@code java.time} values. The new watermark is the highest
 * non-null watermark read; rows sharing the old watermark value that arrive later are not read
 * again, which is the usual price of a strictly-greater watermark.
 */
public final class JdbcSource implements RowSource {

  private final Connection connection;
  private final PreparedStatement statement;
  private final ResultSet results;
  private final RowLayout layout;
  private final int[] kinds;
  private final int watermarkIndex;
  private Object watermark;
  private SourceRow next;
  private long ordinal;

  private JdbcSource(final DataSource dataSource, final JdbcQuery query) throws SQLException {
    connection = dataSource.getConnection();
    try {
      // Drivers (PostgreSQL among them) only stream with a cursor inside a transaction.
      connection.setAutoCommit(false);
      connection.setReadOnly(true);
      statement =
          connection.prepareStatement(
              sql(query), ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
      statement.setFetchSize(query.fetchSize());
      if (query.watermarkColumn() != null && query.lastWatermark() != null) {
        statement.setObject(1, query.lastWatermark());
      }
      results = statement.executeQuery();
      final ResultSetMetaData meta = results.getMetaData();
      final List<String> names = new ArrayList<>();
      kinds = new int[meta.getColumnCount()];
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        names.add(meta.getColumnLabel(i));
        kinds[i - 1] = kind(meta, i);
      }
      layout = new RowLayout(names);
      watermarkIndex =
          query.watermarkColumn() == null ? -1 : layout.indexOf(query.watermarkColumn());
      watermark = query.lastWatermark();
    } catch (SQLException | RuntimeException e) {
      connection.close();
      throw e;
    }
  }

  /**
   * Runs {@code query} on a connection of {@code dataSource}, held until {@link #close()}.
   *
   * @throws EtlException naming the query when the database refuses it
   */
  public static JdbcSource open(final DataSource dataSource, final JdbcQuery query) {
    try {
      return new JdbcSource(dataSource, query);
    } catch (SQLException e) {
      throw new EtlException(
          "Source query failed: " + e.getMessage() + " (query: " + query.sql() + ")", e);
    }
  }

  private static String sql(final JdbcQuery query) {
    String inner = query.sql().strip();
    while (inner.endsWith(";")) {
      inner = inner.substring(0, inner.length() - 1).strip();
    }
    if (query.watermarkColumn() == null) {
      return inner;
    }
    final String column = "\"" + query.watermarkColumn().replace("\"", "\"\"") + "\"";
    final String filter = query.lastWatermark() == null ? column + " IS NOT NULL" : column + " > ?";
    return "SELECT * FROM ("
        + inner
        + ") AS flowdesk_source WHERE "
        + filter
        + " ORDER BY "
        + column;
  }

  private static int kind(final ResultSetMetaData meta, final int column) throws SQLException {
    final int type = meta.getColumnType(column);
    final String name = meta.getColumnTypeName(column);
    if (type == Types.TIMESTAMP_WITH_TIMEZONE || "timestamptz".equalsIgnoreCase(name)) {
      return Types.TIMESTAMP_WITH_TIMEZONE;
    }
    return type;
  }

  @Override
  public List<String> columns() {
    return layout.columns();
  }

  @Override
  public Optional<Object> watermark() {
    return Optional.ofNullable(watermark);
  }

  @Override
  public boolean hasNext() {
    if (next == null) {
      next = advance();
    }
    return next != null;
  }

  @Override
  public SourceRow next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    final SourceRow row = next;
    next = null;
    return row;
  }

  private SourceRow advance() {
    try {
      if (!results.next()) {
        return null;
      }
      final Object[] values = new Object[kinds.length];
      for (int i = 0; i < values.length; i++) {
        values[i] = value(i + 1, kinds[i]);
      }
      if (watermarkIndex >= 0 && values[watermarkIndex] != null) {
        watermark = values[watermarkIndex];
      }
      return new SourceRow(++ordinal, layout, values);
    } catch (SQLException e) {
      throw new EtlException(
          "Reading source row " + (ordinal + 1) + " failed: " + e.getMessage(), e);
    }
  }

  private Object value(final int column, final int kind) throws SQLException {
    return switch (kind) {
      case Types.DATE -> results.getObject(column, LocalDate.class);
      case Types.TIMESTAMP -> results.getObject(column, LocalDateTime.class);
      case Types.TIMESTAMP_WITH_TIMEZONE -> results.getObject(column, OffsetDateTime.class);
      default -> results.getObject(column);
    };
  }

  @Override
  public void close() {
    try (connection;
        statement;
        results) {
      connection.rollback();
    } catch (SQLException e) {
      throw new EtlException("Closing the source query failed: " + e.getMessage(), e);
    }
  }
}
