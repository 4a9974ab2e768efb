package io.flowdesk.domain.problem;

import io.flowdesk.domain.change.AffectedCi;
import io.flowdesk.domain.incident.Priority;
import java.time.Instant;
import java.util.List;

/**
 * A problem as it is now. {@code number} is the human id (PRB0000001); {@code cause} and {@code
 * causeCode} are null until the root cause is known, {@code workaround} until one is found, {@code
 * knownErrorSince} until it is a known error, {@code processInstanceKey} until its model started.
 * {@code proposed}: raised by the recurring-incident detection, not by a person. {@code changes}
 * are the numbers of the changes raised to fix it (CHG…).
 */
public record Problem(
    long id,
    String number,
    String shortDescription,
    String description,
    String category,
    List<AffectedCi> affectedCis,
    String assignmentGroup,
    String assignee,
    Priority priority,
    ProblemState state,
    boolean proposed,
    String cause,
    String causeCode,
    String workaround,
    Instant knownErrorSince,
    String raisedBy,
    List<String> incidents,
    List<String> changes,
    Long processInstanceKey,
    Instant createdAt,
    Instant updatedAt,
    long version) {

  public Problem {
    affectedCis = List.copyOf(affectedCis);
    incidents = List.copyOf(incidents);
    changes = List.copyOf(changes);
  }

  /** Whether agents can apply its workaround to incidents it causes. */
  public boolean knownError() {
    return knownErrorSince != null;
  }
}
