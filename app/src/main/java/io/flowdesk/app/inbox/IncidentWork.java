package io.flowdesk.app.inbox;

import io.flowdesk.domain.incident.ChangeSource;
import io.flowdesk.domain.incident.Incident;
import io.flowdesk.domain.incident.IncidentChange;
import io.flowdesk.domain.incident.IncidentRecords;
import io.flowdesk.domain.incident.IncidentState;
import io.flowdesk.domain.incident.JournalKind;
import io.flowdesk.domain.notification.NotificationOutbox;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps an incident's record in step with its task: who works it, that work started (the first
 * claim is the ITIL "response"), and the agent's work note from the task's form. The record changes
 * in the same transaction that waits for the engine's answer, so a refused task command leaves the
 * record as it was.
 */
@Component
class IncidentWork {

  private final TaskRecords records;
  private final IncidentRecords incidents;
  private final NotificationOutbox notices;

  IncidentWork(
      final TaskRecords records,
      final IncidentRecords incidents,
      final NotificationOutbox notices) {
    this.records = records;
    this.incidents = incidents;
    this.notices = notices;
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
    // An incident's assignee change tells the assignee by itself (its audit entry); a request's
    // task has no assignee on the record, so its assignment is written down here.
    if (incident.isEmpty() && assignee != null && !assignee.equals(actor)) {
      records
          .request(processInstanceKey)
          .ifPresent(request -> notices.assigned("request", request.id(), assignee, actor));
    }
    engineCommand.run();
  }

  /**
   * The form's {@code workNote}, if any, becomes a work note by the person who completed the task
   * (the process's workers record the rest of the outcome, as "process").
   */
  @Transactional
  public void completed(
      final long processInstanceKey,
      final Map<String, Object> variables,
      final String actor,
      final Runnable engineCommand) {
    if (variables.get("workNote") instanceof String note && !note.isBlank()) {
      records
          .incident(processInstanceKey)
          .ifPresent(
              record ->
                  incidents.addJournalEntry(
                      record.id(),
                      JournalKind.WORK_NOTE,
                      note.strip(),
                      ChangeSource.person(actor)));
    }
    engineCommand.run();
  }
}
