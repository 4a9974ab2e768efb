package io.flowdesk.domain.change;

import java.time.Instant;
import java.util.List;

/**
 * A change as it is raised. A standard change names its {@link ChangeTemplate}, whose description
 * and plans fill what is left empty here; normal and emergency changes name none.
 *
 * @param templateId the standard change template; null for normal and emergency changes
 * @param implementer who carries it out; null until assigned
 * @param affectedCis the configuration items it touches (CMDB ids and names)
 * @param impact null when not judged
 * @param incidents numbers of the incidents it is linked to (INC…)
 */
public record NewChange(
    ChangeType type,
    String templateId,
    String shortDescription,
    String description,
    String requestedBy,
    String assignmentGroup,
    String implementer,
    List<AffectedCi> affectedCis,
    Instant plannedStart,
    Instant plannedEnd,
    String implementationPlan,
    String backoutPlan,
    String testPlan,
    ChangeImpact impact,
    List<String> incidents) {

  public NewChange {
    affectedCis = affectedCis == null ? List.of() : List.copyOf(affectedCis);
    incidents = incidents == null ? List.of() : List.copyOf(incidents);
  }
}
