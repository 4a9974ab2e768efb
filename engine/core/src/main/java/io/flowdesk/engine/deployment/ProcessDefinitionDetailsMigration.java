package io.flowdesk.engine.deployment;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.instance.Process;
import io.flowdesk.engine.deployment.bpmn.StartForm;
import java.io.ByteArrayInputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Schema version 9: a process definition keeps its name and whether it has a start form, which the
 * definition search filters and sorts on. Both are in the BPMN resource, so definitions deployed
 * before this version are read once here; new ones get them at deployment.
 */
public final class ProcessDefinitionDetailsMigration implements JavaMigration {

  private static final Logger LOG =
      LoggerFactory.getLogger(ProcessDefinitionDetailsMigration.class);
  private static final int FETCH_SIZE = 50;

  @Override
  public MigrationVersion getVersion() {
    return MigrationVersion.fromVersion("9");
  }

  @Override
  public String getDescription() {
    return "process definition details";
  }

  @Override
  public Integer getChecksum() {
    return null;
  }

  @Override
  public boolean canExecuteInTransaction() {
    return true;
  }

  @Override
  public void migrate(final Context context) throws Exception {
    final Connection connection = context.getConnection();
    try (Statement ddl = connection.createStatement()) {
      ddl.execute("ALTER TABLE engine.process_definition ADD COLUMN name TEXT");
      ddl.execute(
          "ALTER TABLE engine.process_definition"
              + " ADD COLUMN has_start_form BOOLEAN NOT NULL DEFAULT FALSE");
    }
    try (PreparedStatement read =
            connection.prepareStatement(
                "SELECT key, bpmn_process_id, resource FROM engine.process_definition");
        PreparedStatement write =
            connection.prepareStatement(
                "UPDATE engine.process_definition SET name = ?, has_start_form = ?"
                    + " WHERE key = ?")) {
      read.setFetchSize(FETCH_SIZE);
      try (ResultSet rows = read.executeQuery()) {
        while (rows.next()) {
          final Process process = process(rows.getLong(1), rows.getString(2), rows.getBytes(3));
          if (process != null) {
            write.setString(1, process.getName());
            write.setBoolean(2, StartForm.isLinked(process));
            write.setLong(3, rows.getLong(1));
            write.addBatch();
          }
        }
      }
      write.executeBatch();
    }
  }

  // The resource was valid when deployed; should a later parser refuse it, the definition keeps
  // no name rather than stopping the engine's start.
  private static Process process(final long key, final String bpmnProcessId, final byte[] xml) {
    try {
      return Bpmn.readModelFromStream(new ByteArrayInputStream(xml))
          .getModelElementById(bpmnProcessId);
    } catch (RuntimeException e) {
      LOG.warn(
          "Process definition {} ({}) is left without name: {}", key, bpmnProcessId, e.toString());
      return null;
    }
  }
}
