package io.flowdesk.app.inbox;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** Why a task cannot be shown or worked: unknown, not the person's, or no longer open. */
class TaskUnavailableException extends ResponseStatusException {

  TaskUnavailableException(final HttpStatus status, final String reason) {
    super(status, reason);
  }

  static TaskUnavailableException notFound(final long key) {
    return new TaskUnavailableException(HttpStatus.NOT_FOUND, "There is no task " + key + ".");
  }

  static TaskUnavailableException notYours(final long key) {
    return new TaskUnavailableException(
        HttpStatus.FORBIDDEN, "Task " + key + " is not offered to you or your groups.");
  }

  static TaskUnavailableException noLongerOpen(final long key) {
    return new TaskUnavailableException(
        HttpStatus.CONFLICT,
        "Task " + key + " is no longer open: somebody completed it or its process moved on.");
  }

  static TaskUnavailableException assignedElsewhere(final long key, final String assignee) {
    return new TaskUnavailableException(
        HttpStatus.CONFLICT,
        "Task " + key + " is assigned to " + assignee + "; it must be unassigned first.");
  }
}
