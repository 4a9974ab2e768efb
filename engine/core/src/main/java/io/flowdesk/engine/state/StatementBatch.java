package io.flowdesk.engine.state;

import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlTypeValue;
import org.springframework.jdbc.core.StatementCreatorUtils;

/**
 * The statements of one command's save, sent in one round trip. The PostgreSQL driver sends the
 * statements of a multi-statement text together and the server runs them in order within the
 * transaction, each seeing what the ones before wrote: the effect of sending them one by one, less
 * a network exchange (and a wake-up on both sides) per statement, which is most of what a small
 * statement costs.
 */
final class StatementBatch {

  /** An array parameter; the Java type of its elements picks the driver's encoding. */
  record SqlArray(String sqlType, Object[] values) {}

  private final StringBuilder sql = new StringBuilder();
  private final List<Object> parameters = new ArrayList<>();

  void add(final String statement, final Object... statementParameters) {
    if (!sql.isEmpty()) {
      sql.append(";\n");
    }
    sql.append(statement);
    Collections.addAll(parameters, statementParameters);
  }

  /** The same statement once per row of parameters. */
  void addEach(final String statement, final List<Object[]> rows) {
    rows.forEach(row -> add(statement, row));
  }

  void execute(final JdbcTemplate jdbc) {
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
                statement.execute();
                return null;
              }
            });
  }
}
