package io.flowdesk.domain.problem;

import io.flowdesk.domain.change.AffectedCi;
import io.flowdesk.domain.incident.Priority;
import java.util.List;

/**
 * A problem as it is raised.
 *
 * @param category the incidents' category it is about; null when none
 * @param affectedCis the configuration items it is about (CMDB ids and names)
 * @param assignee the problem analyst; null until assigned
 * @param priority P1..P5
 * @param incidents numbers of the incidents it is raised for (INC…)
 * @param raisedBy who raises it (a username, or {@code process} for a proposal)
 * @param proposed whether the recurring-incident detection proposes it
 */
public record NewProblem(
    String shortDescription,
    String description,
    String category,
    List<AffectedCi> affectedCis,
    String assignmentGroup,
    String assignee,
    Priority priority,
    List<String> incidents,
    String raisedBy,
    boolean proposed) {

  public NewProblem {
    affectedCis = affectedCis == null ? List.of() : List.copyOf(affectedCis);
    incidents = incidents == null ? List.of() : List.copyOf(incidents);
  }
}
