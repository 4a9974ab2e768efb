package io.flowdesk.domain.cmdb;

import io.flowdesk.domain.record.Actor;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A CI's history ({@code domain.ci_audit}, V15): only ever inserted into (the database refuses
 * UPDATE, DELETE and TRUNCATE), in the transaction of the change it records. Plain SQL like the
 * record core's audit trail, which keys on numeric record ids where a CI has a UUID.
 */
final class CiHistory {

  private final JdbcClient jdbc;

  CiHistory(final JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void record(
      final UUID ciId,
      final Actor actor,
      final String field,
      final String oldValue,
      final String newValue) {
    jdbc.sql(
            "INSERT INTO domain.ci_audit (ci_id, actor, field, old_value, new_value)"
                + " VALUES (:ciId, :actor, :field, :oldValue, :newValue)")
        .param("ciId", ciId)
        .param("actor", actor.actor())
        .param("field", field)
        .param("oldValue", oldValue)
        .param("newValue", newValue)
        .update();
  }

  /** The history, oldest first. */
  List<CiHistoryEntry> of(final UUID ciId) {
    return jdbc.sql(
            "SELECT id, ci_id, actor, at, field, old_value, new_value FROM domain.ci_audit"
                + " WHERE ci_id = :ciId ORDER BY id")
        .param("ciId", ciId)
        .query(CiHistory::map)
        .list();
  }

  private static CiHistoryEntry map(final ResultSet row, final int n) throws SQLException {
    return new CiHistoryEntry(
        row.getLong("id"),
        row.getObject("ci_id", UUID.class),
        row.getString("actor"),
        row.getTimestamp("at").toInstant(),
        row.getString("field"),
        row.getString("old_value"),
        row.getString("new_value"));
  }
}
