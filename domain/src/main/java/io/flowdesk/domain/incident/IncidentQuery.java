package io.flowdesk.domain.incident;

import java.time.Instant;
import java.util.Set;

/**
 * A search over incidents; every non-null/non-empty criterion narrows the result (AND). {@code
 * callers} and {@code assignmentGroups} are what the searching person may see: empty sets mean no
 * restriction by that criterion, so the caller of this query decides visibility. {@code text}
 * matches number, short description and description, case-insensitively; {@code configurationItem}
 * matches exactly; {@code createdFrom} is inclusive, {@code createdBefore} exclusive.
 */
public record IncidentQuery(
    Set<String> callers,
    Set<String> assignmentGroups,
    Set<IncidentState> states,
    Set<Priority> priorities,
    String assignee,
    Boolean breached,
    String text,
    String configurationItem,
    Instant createdFrom,
    Instant createdBefore) {

  public IncidentQuery(
      final Set<String> callers,
      final Set<String> assignmentGroups,
      final Set<IncidentState> states,
      final Set<Priority> priorities,
      final String assignee,
      final Boolean breached,
      final String text) {
    this(callers, assignmentGroups, states, priorities, assignee, breached, text, null, null, null);
  }

  public static IncidentQuery all() {
    return new IncidentQuery(Set.of(), Set.of(), Set.of(), Set.of(), null, null, null);
  }
}
