package io.flowdesk.connectors.etl.reject;

import io.flowdesk.connectors.etl.EtlException;
import io.flowdesk.connectors.etl.load.SqlIdentifier;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Writes rejects to a PostgreSQL table {@code (run_id text, line bigint, reason text, record jsonb,
 * rejected_at timestamptz)}, created if missing. It uses its own connection and commits in batches,
 * so rejects stay when the load's transaction rolls back.
 */
public final class RejectTable implements RejectSink {

  private static final int BATCH = 500;

  private final String name;
  private final String runId;
  private final Connection connection;
  private final PreparedStatement insert;
  private int pending;

  private RejectTable(
      final DataSource dataSource, final String schema, final String table, final String runId)
      throws SQLException {
    this.name = SqlIdentifier.qualified(schema, table);
    this.runId = runId;
    this.connection = dataSource.getConnection();
    try {
      connection.setAutoCommit(true);
      try (Statement ddl = connection.createStatement()) {
        ddl.execute(
            "CREATE TABLE IF NOT EXISTS "
                + name
                + " (run_id text, line bigint, reason text NOT NULL, record jsonb,"
                + " rejected_at timestamptz NOT NULL DEFAULT now())");
      }
      connection.setAutoCommit(false);
      insert =
          connection.prepareStatement(
              "INSERT INTO " + name + " (run_id, line, reason, record) VALUES (?, ?, ?, ?::jsonb)");
    } catch (SQLException | RuntimeException e) {
      connection.close();
      throw e;
    }
  }

  /**
   * Opens the sink on {@code schema.table}, tagging each reject with {@code runId}.
   *
   * @throws EtlException when the table cannot be created or written
   */
  public static RejectTable open(
      final DataSource dataSource, final String schema, final String table, final String runId) {
    try {
      return new RejectTable(dataSource, schema, table, runId);
    } catch (SQLException e) {
      throw new EtlException(
          "Cannot open reject table " + schema + "." + table + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void accept(final Reject reject) {
    try {
      insert.setString(1, runId);
      insert.setLong(2, reject.line());
      insert.setString(3, reject.reason());
      insert.setString(4, RecordJson.of(reject.record()));
      insert.addBatch();
      if (++pending >= BATCH) {
        flush();
      }
    } catch (SQLException e) {
      throw new EtlException("Cannot write reject table " + name + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void flush() {
    if (pending == 0) {
      return;
    }
    try {
      insert.executeBatch();
      connection.commit();
      pending = 0;
    } catch (SQLException e) {
      throw new EtlException("Cannot write reject table " + name + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String describe() {
    return "table " + name;
  }

  @Override
  public void close() {
    try (connection;
        insert) {
      flush();
    } catch (SQLException e) {
      throw new EtlException("Cannot close reject table " + name + ": " + e.getMessage(), e);
    }
  }
}
