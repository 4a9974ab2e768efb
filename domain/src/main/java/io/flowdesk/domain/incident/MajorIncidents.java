package io.flowdesk.domain.incident;

import io.flowdesk.domain.record.RecordAudit;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Major incidents: an incident flagged major with a reason, and the incidents linked to it as its
 * children (one parent each; a parent is major and no child itself). Each change is one transaction
 * with its audit entries ({@code major} on the flagged incident; {@code parentIncident} on the
 * child, {@code childIncident} on the parent).
 */
public class MajorIncidents {

  /** The most characters a reason may have. */
  public static final int MAX_REASON = 2000;

  private final JdbcClient jdbc;
  private final TransactionTemplate tx;
  private final RecordAudit audit;

  MajorIncidents(final JdbcClient jdbc, final TransactionTemplate tx, final RecordAudit audit) {
    this.jdbc = jdbc;
    this.tx = tx;
    this.audit = audit;
  }

  /**
   * Flags the incident major for {@code reason}; flagging it again changes nothing.
   *
   * @throws IllegalArgumentException the reason is blank or too long, or the incident is a child
   */
  public void flag(final long incidentId, final String reason, final ChangeSource source) {
    if (reason == null || reason.isBlank()) {
      throw new IllegalArgumentException("reason is required");
    }
    if (reason.strip().length() > MAX_REASON) {
      throw new IllegalArgumentException("reason may have at most " + MAX_REASON + " characters");
    }
    tx.executeWithoutResult(
        status -> {
          lock(incidentId);
          if (parentIdOf(incidentId).isPresent()) {
            throw new IllegalArgumentException(
                "a child of a major incident cannot be a major incident itself");
          }
          final int added =
              jdbc.sql(
                      """
                      INSERT INTO domain.major_incident (incident_id, reason, flagged_by)
                      VALUES (:id, :reason, :by) ON CONFLICT (incident_id) DO NOTHING
                      """)
                  .param("id", incidentId)
                  .param("reason", reason.strip())
                  .param("by", source.actor())
                  .update();
          if (added == 1) {
            audit.record(incidentId, source, "major", null, reason.strip());
          }
        });
  }

  /** Why the incident is major; empty when it is not. */
  public Optional<String> reason(final long incidentId) {
    return jdbc.sql("SELECT reason FROM domain.major_incident WHERE incident_id = :id")
        .param("id", incidentId)
        .query(String.class)
        .optional();
  }

  /**
   * Links {@code child} as a child of the major incident {@code parent}.
   *
   * @throws IllegalArgumentException naming why not: the parent is not major, the child is the
   *     parent, major itself, or already another incident's child
   */
  public void link(final Incident parent, final Incident child, final ChangeSource source) {
    tx.executeWithoutResult(
        status -> {
          lock(parent.id());
          lock(child.id());
          if (reason(parent.id()).isEmpty()) {
            throw new IllegalArgumentException(parent.number() + " is no major incident");
          }
          if (parent.id() == child.id()) {
            throw new IllegalArgumentException("an incident cannot be its own child");
          }
          if (reason(child.id()).isPresent()) {
            throw new IllegalArgumentException(
                child.number() + " is a major incident itself and cannot be a child");
          }
          final Optional<Long> current = parentIdOf(child.id());
          if (current.isPresent() && current.get() == parent.id()) {
            return;
          }
          if (current.isPresent()) {
            throw new IllegalArgumentException(
                child.number() + " is already the child of another major incident");
          }
          jdbc.sql("INSERT INTO domain.incident_parent (child_id, parent_id) VALUES (:c, :p)")
              .param("c", child.id())
              .param("p", parent.id())
              .update();
          audit.record(child.id(), source, "parentIncident", null, parent.number());
          audit.record(parent.id(), source, "childIncident", null, child.number());
        });
  }

  /** The children of {@code parentId}, by number. */
  public List<Incident> children(final long parentId) {
    return jdbc.sql(
            IncidentColumns.SELECT
                + " WHERE id IN (SELECT child_id FROM domain.incident_parent"
                + " WHERE parent_id = :p) ORDER BY number")
        .param("p", parentId)
        .query(IncidentColumns::map)
        .list();
  }

  /** The major incident {@code childId} is a child of, if any. */
  public Optional<Incident> parentOf(final long childId) {
    return jdbc.sql(
            IncidentColumns.SELECT
                + " WHERE id = (SELECT parent_id FROM domain.incident_parent"
                + " WHERE child_id = :c)")
        .param("c", childId)
        .query(IncidentColumns::map)
        .optional();
  }

  private Optional<Long> parentIdOf(final long childId) {
    return jdbc.sql("SELECT parent_id FROM domain.incident_parent WHERE child_id = :c")
        .param("c", childId)
        .query(Long.class)
        .optional();
  }

  private void lock(final long incidentId) {
    IncidentLock.lock(jdbc, incidentId);
  }
}
