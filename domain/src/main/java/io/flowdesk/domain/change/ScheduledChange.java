package io.flowdesk.domain.change;

import java.time.Instant;
import java.util.List;

/** A change as the change calendar places it: what it is, its state and its planned window. */
public record ScheduledChange(
    long id,
    String number,
    ChangeType type,
    String shortDescription,
    ChangeState state,
    ChangeRisk risk,
    String assignmentGroup,
    String implementer,
    Instant plannedStart,
    Instant plannedEnd,
    List<AffectedCi> affectedCis) {

  public ScheduledChange {
    affectedCis = List.copyOf(affectedCis);
  }
}
