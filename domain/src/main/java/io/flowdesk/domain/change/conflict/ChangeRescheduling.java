package io.flowdesk.domain.change.conflict;

import io.flowdesk.domain.change.AffectedCi;
import io.flowdesk.domain.change.Change;
import io.flowdesk.domain.change.ChangeNotEditableException;
import io.flowdesk.domain.change.ChangeNotFoundException;
import io.flowdesk.domain.change.ChangeRecords;
import io.flowdesk.domain.record.Actor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Moves a change's planned window and replaces its affected CIs, then checks its conflicts again,
 * all in one transaction: a refused edit writes nothing, an accepted one is never left unchecked.
 * New CIs must be in the CMDB (their current names are kept on the change); a CI the change already
 * names stays acceptable even when the CMDB no longer has it (changes raised before the CI picker
 * name CIs by name only).
 */
public class ChangeRescheduling {

  private final ChangeRecords changes;
  private final ChangeConflicts conflicts;
  private final JdbcClient jdbc;

  public ChangeRescheduling(
      final DataSource dataSource, final ChangeRecords changes, final ChangeConflicts conflicts) {
    this.changes = changes;
    this.conflicts = conflicts;
    this.jdbc = JdbcClient.create(dataSource);
  }

  /** The change after the edit, with its conflicts as now stored. */
  public record Rescheduled(Change change, List<ChangeConflict> conflicts) {}

  /**
   * @param ciIds the CIs the change touches from now on (CMDB ids, in order; repeats ignored)
   * @throws IllegalArgumentException the window ends before it starts
   * @throws UnknownCiException a CI the CMDB does not have and the change did not name
   * @throws ChangeNotEditableException the change is scheduled or later
   * @throws ChangeNotFoundException no such change
   */
  public Rescheduled reschedule(
      final long changeId,
      final Instant plannedStart,
      final Instant plannedEnd,
      final List<UUID> ciIds,
      final Actor actor) {
    return changes
        .core()
        .inTransaction(
            () -> {
              final Change current =
                  changes
                      .find(changeId)
                      .orElseThrow(() -> new ChangeNotFoundException(String.valueOf(changeId)));
              final Map<UUID, String> names = new HashMap<>();
              for (final AffectedCi ci : current.affectedCis()) {
                names.put(ci.ciId(), ci.name());
              }
              final List<UUID> wanted = List.copyOf(new LinkedHashSet<>(ciIds));
              jdbc.sql("SELECT id, name FROM domain.ci WHERE id = ANY (:ids)")
                  .param("ids", wanted.toArray(UUID[]::new))
                  .query(
                      (row, n) -> names.put(row.getObject("id", UUID.class), row.getString("name")))
                  .list();
              final List<AffectedCi> cis = new ArrayList<>();
              for (final UUID id : wanted) {
                if (!names.containsKey(id)) {
                  throw new UnknownCiException(id);
                }
                cis.add(new AffectedCi(id, names.get(id)));
              }
              final Change changed =
                  changes.reschedule(changeId, plannedStart, plannedEnd, cis, actor);
              final boolean same =
                  changed.plannedStart().equals(current.plannedStart())
                      && changed.plannedEnd().equals(current.plannedEnd())
                      && changed.affectedCis().equals(current.affectedCis());
              return new Rescheduled(
                  changed, same ? conflicts.of(changeId) : conflicts.detect(changeId, actor));
            });
  }
}
