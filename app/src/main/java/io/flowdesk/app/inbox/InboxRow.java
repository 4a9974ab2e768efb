package io.flowdesk.app.inbox;

import io.camunda.client.api.search.response.UserTask;
import io.flowdesk.domain.incident.Incident;
import java.time.OffsetDateTime;

/**
 * A task in the inbox with the record it works on, when it works on one (an incident today).
 *
 * @param overdue the due date (the SLA target) has passed
 */
public record InboxRow(UserTask task, Incident incident, boolean overdue) {

  static InboxRow of(final UserTask task, final Incident incident, final OffsetDateTime now) {
    final boolean overdue = task.getDueDate() != null && task.getDueDate().isBefore(now);
    return new InboxRow(task, incident, overdue);
  }
}
