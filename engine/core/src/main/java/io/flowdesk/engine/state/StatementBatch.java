package io.flowdesk.engine.state;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.RowMapperResultSetExtractor;
import org.springframework.jdbc.core.SqlTypeValue;
import org.springframework.jdbc.core.StatementCreatorUtils;

/**
 * The statements of one command's save, sent in one round trip. The PostgreSQL driver sends the
 * statements of a multi-statement text together and the server runs them in order within the
 * transaction, each seeing what the ones before wrote: the effect of sending them one by one, less
 * a network exchange (and a wake-up on both sides) per statement, which is most of what a small
 * statement costs.
 */
public final class StatementBatch {

  /** An array parameter; the Java type of its elements picks the driver's encoding. */
  public record SqlArray(String sqlType, Object[] values) {}

  private final StringBuilder sql = new StringBuilder();
  private final List<Object> parameters = new ArrayList<>();
  private int statements;

  public void add(final String statement, final Object... statementParameters) {
    if (!sql.isEmpty()) {
      sql.append(";\n");
    }
    sql.append(statement);
    statements++;
    Collections.addAll(parameters, statementParameters);
  }

  /** The same statement once per row of parameters. */
  public void addEach(final String statement, final List<Object[]> rows) {
    rows.forEach(row -> add(statement, row));
  }

  public void execute(final JdbcTemplate jdbc) {
    query(jdbc, (rs, n) -> null);
  }

  /** Runs the statements; answers the rows the last one returns, mapped. */
  public <T> List<T> query(final JdbcTemplate jdbc, final RowMapper<T> rows) {
    if (sql.isEmpty()) {
      return List.of();
    }
    return jdbc.execute(
        (ConnectionCallback<List<T>>)
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
                // One result per statement, in order; only the last one's rows are read.
                boolean isRows = statement.execute();
                for (int result = 1; result < statements; result++) {
                  isRows = statement.getMoreResults();
                }
                if (!isRows) {
                  return List.of();
                }
                try (ResultSet resultSet = statement.getResultSet()) {
                  return new RowMapperResultSetExtractor<>(rows).extractData(resultSet);
                }
              }
            });
  }
}
