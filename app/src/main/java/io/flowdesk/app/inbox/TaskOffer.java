package io.flowdesk.app.inbox;

import io.camunda.client.api.search.response.UserTask;
import io.flowdesk.app.security.Viewer;
import java.util.Collections;
import java.util.List;

/**
 * Whether a task is offered to a person: assigned to them, or offered to them or one of their
 * groups as a candidate; managers and admins may work every task.
 */
final class TaskOffer {

  private TaskOffer() {}

  static boolean offeredTo(final Viewer viewer, final UserTask task) {
    return viewer.seesAllRecords()
        || viewer.username().equals(task.getAssignee())
        || listed(task.getCandidateUsers()).contains(viewer.username())
        || !Collections.disjoint(listed(task.getCandidateGroups()), viewer.groups());
  }

  private static List<String> listed(final List<String> values) {
    return values == null ? List.of() : values;
  }
}
