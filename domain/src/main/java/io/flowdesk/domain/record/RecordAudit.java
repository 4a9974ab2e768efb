package io.flowdesk.domain.record;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A kind's audit trail ({@code <table>_audit}): only ever inserted into (the database refuses
 * UPDATE, DELETE and TRUNCATE), in the transaction of the change it records.
 */
public final class RecordAudit {

  private final JdbcClient jdbc;
  private final RecordKind kind;

  RecordAudit(final JdbcClient jdbc, final RecordKind kind) {
    this.jdbc = jdbc;
    this.kind = kind;
  }

  public void record(
      final long recordId,
      final Actor actor,
      final String field,
      final String oldValue,
      final String newValue) {
    jdbc.sql(
            "INSERT INTO "
                + kind.side("audit")
                + " ("
                + kind.idColumn()
                + ", actor, job_key, field, old_value, new_value)"
                + " VALUES (:recordId, :actor, :jobKey, :field, :oldValue, :newValue)")
        .param("recordId", recordId)
        .param("actor", actor.actor())
        .param("jobKey", actor.jobKey())
        .param("field", field)
        .param("oldValue", oldValue)
        .param("newValue", newValue)
        .update();
  }

  /** The trail, oldest first. */
  public List<AuditEntry> of(final long recordId) {
    return jdbc.sql(
            "SELECT id, "
                + kind.idColumn()
                + " AS record_id, actor, job_key, at, field, old_value, new_value FROM "
                + kind.side("audit")
                + " WHERE "
                + kind.idColumn()
                + " = :recordId ORDER BY id")
        .param("recordId", recordId)
        .query(RecordAudit::map)
        .list();
  }

  private static AuditEntry map(final ResultSet row, final int n) throws SQLException {
    return new AuditEntry(
        row.getLong("id"),
        row.getLong("record_id"),
        row.getString("actor"),
        Rows.longOrNull(row, "job_key"),
        Rows.instant(row, "at"),
        row.getString("field"),
        row.getString("old_value"),
        row.getString("new_value"));
  }
}
