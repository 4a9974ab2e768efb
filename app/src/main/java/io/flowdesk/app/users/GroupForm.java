package io.flowdesk.app.users;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A group as an administrator enters it: managers in order (the first is the lead manager, who
 * receives the group's SLA breach notices) and members.
 */
public record GroupForm(
    String name, String displayName, List<String> managers, Set<String> members) {

  public GroupForm {
    managers =
        managers == null
            ? List.of()
            : managers.stream()
                .filter(m -> m != null && !m.isBlank())
                .map(String::strip)
                .distinct()
                .toList();
    members =
        members == null
            ? Set.of()
            : Set.copyOf(
                new TreeSet<>(
                    members.stream()
                        .filter(m -> m != null && !m.isBlank())
                        .map(String::strip)
                        .toList()));
  }
}
