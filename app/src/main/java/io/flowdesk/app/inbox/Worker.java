package io.flowdesk.app.inbox;

import io.camunda.client.api.search.response.UserTask;
import io.flowdesk.domain.directory.Person;
import io.flowdesk.domain.directory.Role;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * The signed-in person working the inbox: their assignment groups decide which tasks they see;
 * managers and admins see all work.
 */
record Worker(String username, Set<String> groups, Set<Role> roles) {

  static Worker of(final Person person) {
    return new Worker(person.username(), Set.copyOf(person.groups()), Set.copyOf(person.roles()));
  }

  boolean seesAllWork() {
    return roles.contains(Role.MANAGER) || roles.contains(Role.ADMIN);
  }

  /** A task is theirs to see and work when it is assigned to them or offered to them. */
  boolean mayWork(final UserTask task) {
    return seesAllWork()
        || username.equals(task.getAssignee())
        || listed(task.getCandidateUsers()).contains(username)
        || !Collections.disjoint(listed(task.getCandidateGroups()), groups);
  }

  private static List<String> listed(final List<String> values) {
    return values == null ? List.of() : values;
  }
}
