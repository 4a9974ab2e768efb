package io.flowdesk.domain.incident;

import io.flowdesk.domain.record.Actor;
import io.flowdesk.domain.record.RecordAudit;
import io.flowdesk.domain.record.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Change ↔ incident correlation: which changes possibly caused an incident. A change is a suspect
 * when one of its affected CIs is linked to the incident and, at the incident's opening, the change
 * was authorized and its planned window covered that moment, or it was being implemented then (from
 * its move to Implement until it left Implement, read from its audit trail, so an overrunning
 * implementation counts too). Detected when an incident gets a CI, stored once per (incident,
 * change) and audited on both records, so pages read it and never recompute it.
 */
final class PossibleCauses {

  private static final String SELECT =
      """
      SELECT s.incident_id, i.number AS incident_number, i.short_description AS incident_summary,
             s.change_request_id, c.number AS change_number,
             c.short_description AS change_summary, s.ci_id, ci.name AS ci_name, s.flagged_at
      FROM domain.incident_change_suspect s
      JOIN domain.incident i ON i.id = s.incident_id
      JOIN domain.change_request c ON c.id = s.change_request_id
      JOIN domain.ci ci ON ci.id = s.ci_id
      """;

  // One row per change: the first of its affected CIs the incident is on.
  private static final String DETECT =
      """
      INSERT INTO domain.incident_change_suspect (incident_id, change_request_id, ci_id)
      SELECT DISTINCT ON (c.id) i.id, c.id, rc.ci_id
      FROM domain.incident i
      JOIN domain.incident_ci ic ON ic.incident_id = i.id
      JOIN domain.change_request_ci rc ON rc.ci_id = ic.ci_id
      JOIN domain.change_request c ON c.id = rc.change_request_id
      WHERE i.id = :incident
        AND (
          (c.state IN ('SCHEDULED', 'IMPLEMENT', 'REVIEW', 'CLOSED')
            AND c.planned_start <= i.created_at AND i.created_at < c.planned_end)
          OR EXISTS (
            SELECT 1 FROM domain.change_request_audit started
            WHERE started.change_request_id = c.id AND started.field = 'state'
              AND started.new_value = 'IMPLEMENT' AND started.at <= i.created_at
              AND NOT EXISTS (
                SELECT 1 FROM domain.change_request_audit ended
                WHERE ended.change_request_id = c.id AND ended.field = 'state'
                  AND ended.old_value = 'IMPLEMENT' AND ended.id > started.id
                  AND ended.at <= i.created_at)))
      ORDER BY c.id, rc.ci_id
      ON CONFLICT DO NOTHING
      RETURNING change_request_id
      """;

  private final JdbcClient jdbc;
  private final RecordAudit incidentAudit;
  private final RecordAudit changeAudit;

  PossibleCauses(
      final JdbcClient jdbc, final RecordAudit incidentAudit, final RecordAudit changeAudit) {
    this.jdbc = jdbc;
    this.incidentAudit = incidentAudit;
    this.changeAudit = changeAudit;
  }

  /**
   * Stores the changes that newly became suspects of the incident (in the caller's transaction) and
   * audits each on both records: the incident's {@code possiblyCausedBy} names the change, the
   * change's {@code possiblyCausedIncident} the incident.
   */
  List<PossibleCause> detect(final long incidentId, final Actor actor) {
    final List<Long> flagged =
        jdbc.sql(DETECT).param("incident", incidentId).query(Long.class).list();
    if (flagged.isEmpty()) {
      return List.of();
    }
    final List<PossibleCause> causes =
        ofIncident(incidentId).stream().filter(c -> flagged.contains(c.changeId())).toList();
    for (final PossibleCause cause : causes) {
      incidentAudit.record(
          incidentId,
          actor,
          "possiblyCausedBy",
          null,
          cause.changeNumber() + " (" + cause.ciName() + ")");
      changeAudit.record(
          cause.changeId(),
          actor,
          "possiblyCausedIncident",
          null,
          cause.incidentNumber() + " (" + cause.ciName() + ")");
    }
    return causes;
  }

  /** The changes that possibly caused the incident, oldest flag first. */
  List<PossibleCause> ofIncident(final long incidentId) {
    return jdbc.sql(SELECT + " WHERE s.incident_id = :id ORDER BY s.flagged_at, c.number")
        .param("id", incidentId)
        .query(PossibleCauses::map)
        .list();
  }

  /** The incidents the change possibly caused, oldest flag first. */
  List<PossibleCause> ofChange(final long changeId) {
    return jdbc.sql(SELECT + " WHERE s.change_request_id = :id ORDER BY s.flagged_at, i.number")
        .param("id", changeId)
        .query(PossibleCauses::map)
        .list();
  }

  private static PossibleCause map(final ResultSet row, final int n) throws SQLException {
    return new PossibleCause(
        row.getLong("incident_id"),
        row.getString("incident_number"),
        row.getString("incident_summary"),
        row.getLong("change_request_id"),
        row.getString("change_number"),
        row.getString("change_summary"),
        row.getObject("ci_id", UUID.class),
        row.getString("ci_name"),
        Rows.instant(row, "flagged_at"));
  }
}
