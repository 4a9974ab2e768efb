package io.flowdesk.app.inbox;

import io.camunda.client.api.search.response.UserTask;
import io.flowdesk.app.security.Viewer;
import io.flowdesk.domain.directory.Directory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ResponseStatusException;

/**
 * Handing tasks to the worker or a colleague, one at a time or several at once: each task through
 * the same checks (offered to the worker, open, not an approval, not somebody else's, the assignee
 * a member of a group it is offered to) and the same engine call.
 */
@Service
class Assignments {

  /** At most this many tasks in one bulk assignment (four inbox pages). */
  static final int MAX_TASKS = 4 * TaskInbox.PAGE_SIZE;

  private final TaskInbox inbox;
  private final Directory directory;

  Assignments(final TaskInbox inbox, final Directory directory) {
    this.inbox = inbox;
    this.directory = directory;
  }

  /** Assigns task {@code key} to {@code assignee}: the worker, or a colleague on the task. */
  void assign(final Viewer worker, final long key, final String assignee) {
    final UserTask task = inbox.task(worker, key);
    if (!assignee.equals(worker.username())
        && !TaskInbox.colleagues(task, directory::members).contains(assignee)) {
      throw new ResponseStatusException(
          HttpStatus.BAD_REQUEST, assignee + " is not in a group this task is offered to.");
    }
    inbox.assign(worker, key, assignee);
  }

  /**
   * Assigns each task on its own: one the worker may not touch is refused (named by its key alone,
   * so that another group's task names nothing more), the others are still assigned.
   */
  List<AssignmentOutcome> assignEach(
      final Viewer worker, final Collection<Long> keys, final String assignee) {
    final List<AssignmentOutcome> outcomes = new ArrayList<>();
    for (final long key : keys) {
      String label = "Task " + key;
      try {
        final UserTask task = inbox.task(worker, key);
        label =
            "\u201c"
                + (task.getName() == null ? task.getElementId() : task.getName())
                + "\u201d ("
                + key
                + ")";
        assign(worker, key, assignee);
        outcomes.add(new AssignmentOutcome(label, assignee, null));
      } catch (ResponseStatusException e) {
        outcomes.add(new AssignmentOutcome(label, assignee, e.getReason()));
      }
    }
    return outcomes;
  }

  /** Whom the worker may hand tasks to: the members of the worker's groups, and the worker. */
  List<String> candidates(final Viewer worker) {
    return worker.groups().stream()
        .flatMap(group -> directory.members(group).stream())
        .filter(name -> !name.equals(worker.username()))
        .distinct()
        .sorted()
        .toList();
  }
}
