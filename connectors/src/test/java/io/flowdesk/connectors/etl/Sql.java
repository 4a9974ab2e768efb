package io.flowdesk.connectors.etl;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** Plain JDBC for test setup and assertions. */
public final class Sql {

  private final DataSource dataSource;

  public Sql(final DataSource dataSource) {
    this.dataSource = dataSource;
  }

  public void execute(final String... statements) {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      for (final String sql : statements) {
        statement.execute(sql);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every row of {@code query}, each as column name to value. */
  public List<Map<String, Object>> rows(final String query) {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet results = statement.executeQuery(query)) {
      final ResultSetMetaData meta = results.getMetaData();
      final List<Map<String, Object>> rows = new ArrayList<>();
      while (results.next()) {
        final Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          row.put(meta.getColumnLabel(i), results.getObject(i));
        }
        rows.add(row);
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The single value of {@code query}. */
  public Object value(final String query) {
    return rows(query).get(0).values().iterator().next();
  }
}
