package io.flowdesk.app.inbox;

import io.camunda.client.api.search.response.UserTask;
import io.flowdesk.app.request.RequestAnswers;
import io.flowdesk.domain.change.Change;
import io.flowdesk.domain.incident.Incident;
import io.flowdesk.domain.knowledge.Article;
import io.flowdesk.domain.problem.Problem;
import io.flowdesk.domain.request.Request;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A task in the inbox with the record it works on, when it works on one: an incident, the request a
 * fulfilment task fulfils (with its answers to read), or the change it plans, authorizes,
 * implements or reviews, the problem it assesses, analyses or resolves, or the knowledge article it
 * reviews.
 *
 * @param overdue the due date (the SLA target) has passed
 */
public record InboxRow(
    UserTask task,
    Incident incident,
    Request request,
    Change change,
    Problem problem,
    Article article,
    List<RequestAnswers.Line> answers,
    boolean overdue) {

  /**
   * P1–P5: the incident's or problem's priority where the task works on one, else the task's own
   * (0–100) read in the bands the incident model gives its tasks (90 P1, 70 P2, 50 P3, 30 P4, 10
   * P5), so a generic task of an analyst's process shows its priority the same way.
   */
  public String priority() {
    if (incident != null && incident.priority() != null) {
      return incident.priority().name();
    }
    if (problem != null) {
      return problem.priority().name();
    }
    final int value = task.getPriority() == null ? 50 : task.getPriority();
    return value >= 80 ? "P1" : value >= 60 ? "P2" : value >= 40 ? "P3" : value >= 20 ? "P4" : "P5";
  }

  /** The name of the task's process, or its id when the diagram names none. */
  public String processName() {
    final String name = task.getProcessName();
    return name == null || name.isBlank() ? task.getBpmnProcessId() : name;
  }

  /**
   * Whether the task's name, its process's name, or the number, short description or title of its
   * record contain {@code text}, ignoring case.
   */
  public boolean mentions(final String text) {
    final String needle = text.toLowerCase(Locale.ROOT);
    return Stream.of(
            task.getName(),
            processName(),
            incident == null ? null : incident.number(),
            incident == null ? null : incident.shortDescription(),
            request == null ? null : request.number(),
            request == null ? null : request.title(),
            change == null ? null : change.number(),
            change == null ? null : change.shortDescription(),
            problem == null ? null : problem.number(),
            problem == null ? null : problem.shortDescription(),
            article == null ? null : article.number(),
            article == null ? null : article.title())
        .filter(Objects::nonNull)
        .anyMatch(value -> value.toLowerCase(Locale.ROOT).contains(needle));
  }

  static InboxRow of(
      final UserTask task,
      final Incident incident,
      final Request request,
      final Change change,
      final Problem problem,
      final Article article,
      final RequestAnswers answers,
      final OffsetDateTime now) {
    final boolean overdue = task.getDueDate() != null && task.getDueDate().isBefore(now);
    return new InboxRow(
        task,
        incident,
        request,
        change,
        problem,
        article,
        request == null ? List.of() : answers.of(request),
        overdue);
  }
}
