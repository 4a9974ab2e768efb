package io.flowdesk.domain.change;

import java.time.Instant;
import java.util.List;

/**
 * A change as it is now. {@code number} is the human id (CHG0000001); {@code risk} is null until
 * assessed, {@code authorization} until authorized, {@code closeCode} until the implementation's
 * outcome is known, {@code processInstanceKey} until its model started.
 */
public record Change(
    long id,
    String number,
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
    ChangeRisk risk,
    ChangeImpact impact,
    Authorization authorization,
    ChangeState state,
    CloseCode closeCode,
    List<String> incidents,
    Long processInstanceKey,
    Instant createdAt,
    Instant updatedAt,
    long version) {

  public Change {
    affectedCis = List.copyOf(affectedCis);
    incidents = List.copyOf(incidents);
  }
}
