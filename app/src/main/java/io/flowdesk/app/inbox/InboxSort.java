package io.flowdesk.app.inbox;

import io.camunda.client.api.search.sort.UserTaskSort;
import java.util.function.Consumer;

/** How the inbox orders tasks; the due date is the task's SLA target. */
public enum InboxSort {
  /** Highest priority first, then the nearest due date. */
  PRIORITY(s -> s.priority().desc().dueDate().asc()),
  /** Nearest (or most overdue) due date first: SLA breaches lead. */
  DUE(s -> s.dueDate().asc().priority().desc()),
  /** Newest first. */
  CREATED(s -> s.creationDate().desc());

  private final Consumer<UserTaskSort> sort;

  InboxSort(final Consumer<UserTaskSort> sort) {
    this.sort = sort;
  }

  Consumer<UserTaskSort> sort() {
    return sort;
  }

  static InboxSort parse(final String value) {
    for (final InboxSort sort : values()) {
      if (sort.name().equalsIgnoreCase(value)) {
        return sort;
      }
    }
    return PRIORITY;
  }
}
