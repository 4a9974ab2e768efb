package io.flowdesk.app.inbox;

import io.camunda.client.api.search.response.UserTask;
import io.flowdesk.app.request.RequestAnswers;
import io.flowdesk.domain.incident.Incident;
import io.flowdesk.domain.request.Request;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A task in the inbox with the record it works on, when it works on one: an incident, or the
 * request a fulfilment task fulfils (with its answers to read).
 *
 * @param overdue the due date (the SLA target) has passed
 */
public record InboxRow(
    UserTask task,
    Incident incident,
    Request request,
    List<RequestAnswers.Line> answers,
    boolean overdue) {

  static InboxRow of(
      final UserTask task,
      final Incident incident,
      final Request request,
      final RequestAnswers answers,
      final OffsetDateTime now) {
    final boolean overdue = task.getDueDate() != null && task.getDueDate().isBefore(now);
    return new InboxRow(
        task, incident, request, request == null ? List.of() : answers.of(request), overdue);
  }
}
