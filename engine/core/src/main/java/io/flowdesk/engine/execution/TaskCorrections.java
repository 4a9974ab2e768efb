package io.flowdesk.engine.execution;

import io.flowdesk.engine.model.TaskListener.EventType;
import io.flowdesk.engine.state.UserTaskRow;
import io.flowdesk.engine.support.Rejection;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * The corrections a task listener's job result makes to its user task's transition: which ones a
 * transition allows, and in what form they are kept (empty text clears an attribute).
 */
final class TaskCorrections {

  private TaskCorrections() {}

  /**
   * Checks a listener's corrections and adds them to those of the transition so far ({@code
   * corrected}, by attribute name); refuses corrections the transition does not allow.
   */
  static void take(
      final UserTaskRow row,
      final long jobKey,
      final EventType event,
      final JobResult.Corrections corrections,
      final Map<String, Object> corrected) {
    if (corrections.isEmpty()) {
      return;
    }
    if (event == EventType.CANCELING) {
      throw Rejection.invalidArgument(
          "Expected to complete task listener job with key '"
              + jobKey
              + "', but it corrects a user task that is being canceled");
    }
    if (event == EventType.CREATING
        && corrections.assignee() != null
        && row.transition.get("assignee") != null) {
      throw Rejection.invalidArgument(
          "Expected to complete task listener job with key '"
              + jobKey
              + "', but it corrects the assignee while creating a task whose process assigns it"
              + " to '"
              + row.transition.get("assignee")
              + "'; correct the assignee in an assigning listener instead");
    }
    if (corrections.priority() != null
        && (corrections.priority() < 0 || corrections.priority() > 100)) {
      throw Rejection.invalidArgument(
          "Expected the corrected priority of user task with key '"
              + row.key
              + "' to be between 0 and 100, but was "
              + corrections.priority());
    }
    if (corrections.assignee() != null) {
      corrected.put("assignee", emptyToNull(corrections.assignee()));
    }
    if (corrections.dueDate() != null) {
      corrected.put("dueDate", date(row, "dueDate", corrections.dueDate()));
    }
    if (corrections.followUpDate() != null) {
      corrected.put("followUpDate", date(row, "followUpDate", corrections.followUpDate()));
    }
    if (corrections.candidateUsers() != null) {
      corrected.put("candidateUsers", List.copyOf(corrections.candidateUsers()));
    }
    if (corrections.candidateGroups() != null) {
      corrected.put("candidateGroups", List.copyOf(corrections.candidateGroups()));
    }
    if (corrections.priority() != null) {
      corrected.put("priority", corrections.priority());
    }
  }

  private static String date(final UserTaskRow row, final String field, final String text) {
    if (text.isEmpty()) {
      return null;
    }
    try {
      return java.time.OffsetDateTime.parse(text).toInstant().toString();
    } catch (DateTimeParseException e) {
      throw Rejection.invalidArgument(
          "Expected the corrected "
              + field
              + " of user task with key '"
              + row.key
              + "' to be an ISO 8601 date-time, but was '"
              + text
              + "'");
    }
  }

  private static String emptyToNull(final String text) {
    return text.isEmpty() ? null : text;
  }
}
