package io.flowdesk.app.inbox;

import io.camunda.client.api.search.response.UserTask;
import io.flowdesk.app.request.RequestAnswers;
import io.flowdesk.domain.change.Change;
import io.flowdesk.domain.incident.Incident;
import io.flowdesk.domain.request.Request;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A task in the inbox with the record it works on, when it works on one: an incident, the request a
 * fulfilment task fulfils (with its answers to read), or the change it plans, authorizes,
 * implements or reviews.
 *
 * @param overdue the due date (the SLA target) has passed
 */
public record InboxRow(
    UserTask task,
    Incident incident,
    Request request,
    Change change,
    List<RequestAnswers.Line> answers,
    boolean overdue) {

  static InboxRow of(
      final UserTask task,
      final Incident incident,
      final Request request,
      final Change change,
      final RequestAnswers answers,
      final OffsetDateTime now) {
    final boolean overdue = task.getDueDate() != null && task.getDueDate().isBefore(now);
    return new InboxRow(
        task,
        incident,
        request,
        change,
        request == null ? List.of() : answers.of(request),
        overdue);
  }
}
