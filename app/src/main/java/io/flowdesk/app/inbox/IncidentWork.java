package io.flowdesk.app.inbox;

import io.flowdesk.domain.incident.ChangeSource;
import io.flowdesk.domain.incident.Incident;
import io.flowdesk.domain.incident.IncidentChange;
import io.flowdesk.domain.incident.IncidentRecords;
import io.flowdesk.domain.incident.IncidentState;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps an incident's record in step with its task: who works it, and that work started (the first
 * claim is the ITIL "response"). The record changes in the same transaction that waits for the
 * engine's answer, so a refused task command leaves the record as it was.
 */
@Component
class IncidentWork {

  private final TaskRecords records;
  private final IncidentRecords incidents;

  IncidentWork(final TaskRecords records, final IncidentRecords incidents) {
    this.records = records;
    this.incidents = incidents;
  }

  @Transactional
  public void assigned(
      final long processInstanceKey,
      final String assignee,
      final String actor,
      final Runnable engineCommand) {
    final Optional<Incident> incident = records.incident(processInstanceKey);
    incident.ifPresent(
        record -> {
          final IncidentChange change = IncidentChange.of().assignee(assignee);
          if (assignee != null && record.state() == IncidentState.NEW) {
            change.state(IncidentState.IN_PROGRESS);
          }
          if (assignee != null && record.respondedAt() == null) {
            change.respondedAt(Instant.now());
          }
          incidents.change(record.id(), change, ChangeSource.person(actor));
        });
    engineCommand.run();
  }
}
