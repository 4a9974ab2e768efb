package io.flowdesk.domain.incident;

import java.util.Set;

/**
 * A search over incidents; every non-null/non-empty criterion narrows the result (AND). {@code
 * callers} and {@code assignmentGroups} are what the searching person may see: empty sets mean no
 * restriction by that criterion, so the caller of this query decides visibility. {@code text}
 * matches number, short description and description, case-insensitively.
 */
public record IncidentQuery(
    Set<String> callers,
    Set<String> assignmentGroups,
    Set<IncidentState> states,
    Set<Priority> priorities,
    String assignee,
    Boolean breached,
    String text) {

  public static IncidentQuery all() {
    return new IncidentQuery(Set.of(), Set.of(), Set.of(), Set.of(), null, null, null);
  }
}
