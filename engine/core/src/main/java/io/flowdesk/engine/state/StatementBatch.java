package io.flowdesk.engine.state;

import java.lang.reflect.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlTypeValue;
import org.springframework.jdbc.core.StatementCreatorUtils;

/**
 * Statements sent in one round trip: a command's save, or a lock and the reads that need it. The
 * PostgreSQL driver sends the statements of a multi-statement text together and the server runs
 * them in order within the transaction, each seeing what the ones before wrote: the effect of
 * sending them one by one, less a network exchange (and a wake-up on both sides) per statement,
 * which is most of what a small statement costs.
 */
public final class StatementBatch {

  /** An array parameter; the Java type of its elements picks the driver's encoding. */
  public record SqlArray(String sqlType, Object[] values) {

    /** The array of one value per row, as elements of {@code javaType}. */
    public static <T> SqlArray of(
        final String sqlType,
        final Class<?> javaType,
        final List<T> rows,
        final Function<T, ?> value) {
      final Object[] values = (Object[]) Array.newInstance(javaType, rows.size());
      for (int r = 0; r < values.length; r++) {
        values[r] = value.apply(rows.get(r));
      }
      return new SqlArray(sqlType, values);
    }
  }

  private final StringBuilder sql = new StringBuilder();
  private final List<Object> parameters = new ArrayList<>();
  private int statements;

  /** Adds a statement; answers its index, by which {@link ResultReader} hands its rows. */
  public int add(final String statement, final Object... statementParameters) {
    if (!sql.isEmpty()) {
      sql.append(";\n");
    }
    sql.append(statement);
    Collections.addAll(parameters, statementParameters);
    return statements++;
  }

  /** The same statement once per row of parameters. */
  public void addEach(final String statement, final List<Object[]> rows) {
    rows.forEach(row -> add(statement, row));
  }

  public void execute(final JdbcTemplate jdbc) {
    read(jdbc, (index, rows) -> {});
  }

  /** Reads the rows one statement of a batch returns. */
  public interface ResultReader {
    void read(int statementIndex, ResultSet rows) throws SQLException;
  }

  /** Runs the statements; hands each result that has rows to {@code reader}, in order. */
  public void read(final JdbcTemplate jdbc, final ResultReader reader) {
    if (sql.isEmpty()) {
      return;
    }
    jdbc.execute(
        (ConnectionCallback<Void>)
            connection -> {
              try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
                for (int i = 0; i < parameters.size(); i++) {
                  final Object value = parameters.get(i);
                  if (value instanceof SqlArray array) {
                    statement.setArray(
                        i + 1, connection.createArrayOf(array.sqlType(), array.values()));
                  } else {
                    StatementCreatorUtils.setParameterValue(
                        statement, i + 1, SqlTypeValue.TYPE_UNKNOWN, value);
                  }
                }
                // One result per statement, in statement order.
                boolean isRows = statement.execute();
                for (int index = 0; index < statements; index++) {
                  if (isRows) {
                    try (ResultSet resultSet = statement.getResultSet()) {
                      reader.read(index, resultSet);
                    }
                  }
                  isRows = statement.getMoreResults();
                }
                return null;
              }
            });
  }
}
