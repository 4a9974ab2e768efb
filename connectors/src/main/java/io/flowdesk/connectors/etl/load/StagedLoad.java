package io.flowdesk.connectors.etl.load;

import io.flowdesk.connectors.etl.EtlException;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * One load into a PostgreSQL table, all in a single transaction: rows stream through {@code COPY
 * ... FROM STDIN} into a temporary staging table, then the {@link MergePlan} statements move them
 * into the target.
 *
 * <p>Until {@link #finish()} commits, nothing is visible to others; {@link #close()} without {@code
 * finish()} rolls back, which also drops the staging table and any column added. The connection is
 * handed back in the auto-commit mode it came in.
 */
public final class StagedLoad implements AutoCloseable {

  /** The staging table's extra column: the source line, so de-duplication can order by it. */
  static final String LINE_COLUMN = "__flowdesk_line";

  private static final int COPY_BUFFER = 64 * 1024;

  private final Connection connection;
  private final boolean autoCommit;
  private final PostgresTarget target;
  private final List<LoadColumn> columns;
  private final List<LoadColumn> missing;
  private final TargetTable table;
  private final String staging;
  private final PGCopyOutputStream copy;
  private final StagingEncoder encoder;
  private final KeyOrder keyOrder;
  private boolean done;

  private StagedLoad(
      final Connection connection, final PostgresTarget target, final List<LoadColumn> columns)
      throws SQLException {
    this.connection = connection;
    this.autoCommit = connection.getAutoCommit();
    this.target = target;
    this.columns = List.copyOf(columns);
    connection.setAutoCommit(false);
    try {
      this.table = TargetTable.read(connection, target);
      this.missing = missingColumns(table);
      checkKey(table);
      this.keyOrder =
          KeyOrder.of(
              this.columns.stream().map(LoadColumn::name).toList(),
              target.key(),
              target.key().stream().map(table::type).toList());
      this.staging =
          SqlIdentifier.quote(
              "flowdesk_etl_stage_" + UUID.randomUUID().toString().replace("-", ""));
      final List<String> stagingTypes = stagingTypes(table);
      try (Statement ddl = connection.createStatement()) {
        ddl.execute(
            "CREATE TEMPORARY TABLE "
                + staging
                + " ("
                + stagingColumns(stagingTypes)
                + ") ON COMMIT DROP");
      }
      this.encoder =
          StagingEncoder.choose(
              stagingTypes, this.columns.stream().<Class<?>>map(LoadColumn::valueClass).toList());
      this.copy =
          new PGCopyOutputStream(
              connection.unwrap(PGConnection.class),
              "COPY " + staging + " FROM STDIN " + encoder.copyOptions(),
              COPY_BUFFER);
      encoder.begin(copy);
    } catch (IOException e) {
      rollback();
      throw new SQLException(e.getMessage(), e);
    } catch (SQLException | RuntimeException e) {
      rollback();
      throw e;
    }
  }

  /**
   * Checks the target and opens the staging table.
   *
   * @throws EtlException when the target is missing, lacks columns (and may not get them), has no
   *     unique key matching {@link PostgresTarget#key()}, or the database refuses the staging
   */
  public static StagedLoad begin(
      final Connection connection, final PostgresTarget target, final List<LoadColumn> columns) {
    try {
      return new StagedLoad(connection, target, columns);
    } catch (SQLException e) {
      throw new EtlException(
          "Cannot start loading into " + target.displayName() + ": " + e.getMessage(), e);
    }
  }

  private List<LoadColumn> missingColumns(final TargetTable table) {
    final List<LoadColumn> absent = new ArrayList<>();
    for (final LoadColumn column : columns) {
      SqlIdentifier.quote(column.name());
      if (column.name().equals(LINE_COLUMN)) {
        throw new EtlException("Column name " + LINE_COLUMN + " is reserved for the load");
      }
      if (!table.has(column.name())) {
        absent.add(column);
      }
    }
    if (!absent.isEmpty() && !target.addMissingColumns()) {
      throw new EtlException(
          "Target table "
              + target.displayName()
              + " has no column(s) "
              + absent.stream().map(LoadColumn::name).toList()
              + " (it has "
              + table.columns()
              + "); map them to existing columns or allow adding missing columns");
    }
    return absent;
  }

  private void checkKey(final TargetTable table) {
    if (target.key().isEmpty()) {
      return;
    }
    final List<String> names = columns.stream().map(LoadColumn::name).toList();
    for (final String key : target.key()) {
      if (!names.contains(key)) {
        throw new EtlException("Key column '" + key + "' is not among the loaded columns " + names);
      }
    }
    if (!table.hasUniqueKey(target.key())) {
      throw new EtlException(
          "Target table "
              + target.displayName()
              + " has no unique constraint or index on exactly "
              + target.key()
              + ", which matching rows by key needs");
    }
  }

  /** Staging columns take the target's types, so the merge copies values without casts. */
  private List<String> stagingTypes(final TargetTable table) {
    return columns.stream()
        .map(column -> table.has(column.name()) ? table.type(column.name()) : column.sqlType())
        .toList();
  }

  private String stagingColumns(final List<String> types) {
    final List<String> definitions = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      definitions.add(SqlIdentifier.quote(columns.get(i).name()) + " " + types.get(i));
    }
    definitions.add(SqlIdentifier.quote(LINE_COLUMN) + " bigint");
    return String.join(", ", definitions);
  }

  /**
   * Stages one row, values in the order of the load's columns.
   *
   * @throws IllegalArgumentException when a value cannot be stored (the row should be rejected;
   *     nothing of it was staged)
   */
  public void write(final long sourceLine, final Object[] values) {
    encoder.encode(values, sourceLine);
    try {
      encoder.writeTo(copy);
    } catch (IOException e) {
      throw failed(e);
    }
    keyOrder.observe(values);
  }

  /**
   * Ends the copy, adds missing columns, merges and commits.
   *
   * @throws EtlException with the database's reason when any step fails (then nothing changed)
   */
  public MergeResult finish() {
    try {
      encoder.end(copy);
      copy.flush();
      final long staged = copy.endCopy();
      try (Statement statement = connection.createStatement()) {
        for (final LoadColumn column : missing) {
          statement.execute(
              "ALTER TABLE "
                  + SqlIdentifier.qualified(target.schema(), target.table())
                  + " ADD COLUMN "
                  + SqlIdentifier.quote(column.name())
                  + " "
                  + column.sqlType());
        }
        final MergePlan plan =
            new MergePlan(
                target,
                columns.stream().map(LoadColumn::name).toList(),
                staging,
                LINE_COLUMN,
                table::comparable,
                keyOrder.distinct());
        if (plan.lock().isPresent()) {
          statement.execute(plan.lock().get());
        }
        long updated = 0;
        if (!target.key().isEmpty() && !targetEmpty(statement)) {
          // Without statistics the planner takes staging for a few hundred rows and picks a
          // million index probes where a merge join would do. Against an empty target there
          // is nothing to join, so the sampling is skipped.
          statement.execute("ANALYZE " + staging);
          if (plan.update().isPresent()) {
            updated = statement.executeUpdate(plan.update().get());
          }
        }
        final long inserted = statement.executeUpdate(plan.insert());
        final MergeResult result = new MergeResult(staged, inserted, updated);
        connection.commit();
        done = true;
        connection.setAutoCommit(autoCommit);
        return result;
      }
    } catch (IOException | SQLException e) {
      throw failed(e);
    }
  }

  /** An empty target has nothing to update, and the update's sort of the staging can be skipped. */
  private boolean targetEmpty(final Statement statement) throws SQLException {
    try (ResultSet rows =
        statement.executeQuery(
            "SELECT NOT EXISTS (SELECT 1 FROM "
                + SqlIdentifier.qualified(target.schema(), target.table())
                + ")")) {
      rows.next();
      return rows.getBoolean(1);
    }
  }

  private EtlException failed(final Exception e) {
    return new EtlException(
        "Loading into " + target.displayName() + " failed: " + e.getMessage(), e);
  }

  /** Rolls back unless {@link #finish()} committed; the target is then as it was. */
  @Override
  public void close() {
    if (done) {
      return;
    }
    done = true;
    if (copy.isActive()) {
      try {
        copy.cancelCopy();
      } catch (SQLException e) {
        // The rollback below discards the copy either way.
      }
    }
    rollback();
  }

  private void rollback() {
    try {
      connection.rollback();
      connection.setAutoCommit(autoCommit);
    } catch (SQLException e) {
      throw new EtlException(
          "Rolling back the load into " + target.displayName() + " failed: " + e.getMessage(), e);
    }
  }
}
