package io.flowdesk.domain.incident;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Table {@code domain.incident_audit}: only ever inserted into (the database refuses UPDATE, DELETE
 * and TRUNCATE), in the transaction of the change it records.
 */
final class AuditTrail {

  private final JdbcClient jdbc;

  AuditTrail(final JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void record(
      final long incidentId,
      final ChangeSource source,
      final String field,
      final String oldValue,
      final String newValue) {
    jdbc.sql(
            """
            INSERT INTO domain.incident_audit
              (incident_id, actor, job_key, field, old_value, new_value)
            VALUES (:incidentId, :actor, :jobKey, :field, :oldValue, :newValue)
            """)
        .param("incidentId", incidentId)
        .param("actor", source.actor())
        .param("jobKey", source.jobKey())
        .param("field", field)
        .param("oldValue", oldValue)
        .param("newValue", newValue)
        .update();
  }

  List<AuditEntry> of(final long incidentId) {
    return jdbc.sql(
            "SELECT id, incident_id, actor, job_key, at, field, old_value, new_value"
                + " FROM domain.incident_audit WHERE incident_id = :incidentId ORDER BY id")
        .param("incidentId", incidentId)
        .query(AuditTrail::map)
        .list();
  }

  /** A journal text or file as one short line of the trail. */
  static String summary(final String text) {
    final String line = text.strip().replaceAll("\\s+", " ");
    return line.length() <= 80 ? line : line.substring(0, 79) + "…";
  }

  private static AuditEntry map(final ResultSet row, final int n) throws SQLException {
    return new AuditEntry(
        row.getLong("id"),
        row.getLong("incident_id"),
        row.getString("actor"),
        IncidentColumns.longOrNull(row, "job_key"),
        IncidentColumns.instant(row, "at"),
        row.getString("field"),
        row.getString("old_value"),
        row.getString("new_value"));
  }
}
