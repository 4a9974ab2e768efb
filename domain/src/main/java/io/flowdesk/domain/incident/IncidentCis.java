package io.flowdesk.domain.incident;

import io.flowdesk.domain.record.Actor;
import io.flowdesk.domain.record.RecordAudit;
import io.flowdesk.domain.record.RecordText;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The configuration items an incident is linked to, by the CMDB's id (table {@code incident_ci}),
 * and the changes that possibly caused it. Linking and unlinking are audited on the incident (field
 * {@code ci}, the CI as {@code name (class)}) and bump its {@code updatedAt}; a new link looks for
 * changes on that CI whose window covered the incident's opening ({@link PossibleCause}). The
 * free-text {@code configurationItem} is the incident's own field and is not touched here.
 */
public final class IncidentCis {

  private static final Set<String> CLOSED = Set.of("RESOLVED", "CLOSED", "CANCELED");

  private final JdbcClient jdbc;
  private final TransactionTemplate tx;
  private final RecordAudit audit;
  private final PossibleCauses causes;

  IncidentCis(
      final JdbcClient jdbc,
      final TransactionTemplate tx,
      final RecordAudit audit,
      final PossibleCauses causes) {
    this.jdbc = jdbc;
    this.tx = tx;
    this.audit = audit;
    this.causes = causes;
  }

  /** The incident's CIs, by name. */
  public List<LinkedCi> of(final long incidentId) {
    return jdbc.sql(
            """
            SELECT c.id, c.name, c.class_name FROM domain.incident_ci l
            JOIN domain.ci c ON c.id = l.ci_id
            WHERE l.incident_id = :incident ORDER BY lower(c.name), c.class_name
            """)
        .param("incident", incidentId)
        .query(
            (row, n) ->
                new LinkedCi(
                    row.getObject("id", UUID.class),
                    row.getString("name"),
                    row.getString("class_name")))
        .list();
  }

  /**
   * Makes {@code ciIds} the incident's CIs: links the new ones, unlinks those not named, audits
   * each, and flags the changes that possibly caused the incident on the new ones.
   *
   * @return the changes newly flagged as possible causes
   * @throws IllegalArgumentException an id names no CI (nothing is changed)
   * @throws IncidentNotFoundException no such incident
   */
  public List<PossibleCause> set(
      final long incidentId, final Collection<UUID> ciIds, final Actor actor) {
    RecordText.requireActor(actor);
    final Set<UUID> wanted = new LinkedHashSet<>(ciIds == null ? List.of() : ciIds);
    wanted.remove(null);
    return tx.execute(
        status -> {
          lock(incidentId);
          final List<LinkedCi> named = cis(wanted);
          final List<LinkedCi> current = of(incidentId);
          boolean changed = false;
          for (final LinkedCi ci : current) {
            if (!wanted.contains(ci.id())) {
              jdbc.sql("DELETE FROM domain.incident_ci WHERE incident_id = :i AND ci_id = :c")
                  .param("i", incidentId)
                  .param("c", ci.id())
                  .update();
              audit.record(incidentId, actor, "ci", ci.label(), null);
              changed = true;
            }
          }
          final Set<UUID> had = new LinkedHashSet<>();
          current.forEach(ci -> had.add(ci.id()));
          for (final LinkedCi ci : named) {
            if (!had.contains(ci.id())) {
              jdbc.sql("INSERT INTO domain.incident_ci (incident_id, ci_id) VALUES (:i, :c)")
                  .param("i", incidentId)
                  .param("c", ci.id())
                  .update();
              audit.record(incidentId, actor, "ci", null, ci.label());
              changed = true;
            }
          }
          if (changed) {
            jdbc.sql("UPDATE domain.incident SET updated_at = now() WHERE id = :id")
                .param("id", incidentId)
                .update();
          }
          return causes.detect(incidentId, actor);
        });
  }

  /**
   * Links one more CI (linking it again changes nothing).
   *
   * @return the changes newly flagged as possible causes
   */
  public List<PossibleCause> link(final long incidentId, final UUID ciId, final Actor actor) {
    return tx.execute(
        status -> {
          final List<UUID> ids =
              new ArrayList<>(of(incidentId).stream().map(LinkedCi::id).toList());
          if (!ids.contains(ciId)) {
            ids.add(ciId);
          }
          return set(incidentId, ids, actor);
        });
  }

  /** The open incidents (not resolved, closed or canceled) linked to the CI, newest first. */
  public List<Incident> openOn(final UUID ciId, final int limit) {
    return jdbc.sql(
            IncidentColumns.SELECT
                + " WHERE id IN (SELECT incident_id FROM domain.incident_ci WHERE ci_id = :ci)"
                + " AND state NOT IN (:closed) ORDER BY created_at DESC, id DESC LIMIT :limit")
        .param("ci", ciId)
        .param("closed", List.copyOf(CLOSED))
        .param("limit", Math.max(1, limit))
        .query(IncidentColumns::map)
        .list();
  }

  /** The changes that possibly caused the incident ("possibly caused by CHG…"). */
  public List<PossibleCause> possibleCauses(final long incidentId) {
    return causes.ofIncident(incidentId);
  }

  /** The incidents the change possibly caused. */
  public List<PossibleCause> possiblyCausedBy(final long changeId) {
    return causes.ofChange(changeId);
  }

  private void lock(final long incidentId) {
    IncidentLock.lock(jdbc, incidentId);
  }

  private List<LinkedCi> cis(final Set<UUID> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    final List<LinkedCi> found =
        jdbc.sql("SELECT id, name, class_name FROM domain.ci WHERE id IN (:ids)")
            .param("ids", List.copyOf(ids))
            .query(
                (row, n) ->
                    new LinkedCi(
                        row.getObject("id", UUID.class),
                        row.getString("name"),
                        row.getString("class_name")))
            .list();
    for (final UUID id : ids) {
      if (found.stream().noneMatch(ci -> ci.id().equals(id))) {
        throw new IllegalArgumentException("ci: there is no configuration item " + id);
      }
    }
    return found;
  }
}
