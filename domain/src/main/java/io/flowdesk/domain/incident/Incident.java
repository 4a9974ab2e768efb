package io.flowdesk.domain.incident;

import java.time.Instant;

/**
 * An incident record as it is now. {@code number} is the human id (INC0001234); {@code version}
 * grows with every change. Priority, group and SLA targets are null until the process classified
 * the incident; {@code processInstanceKey} is null until its process started.
 */
public record Incident(
    long id,
    String number,
    String caller,
    String shortDescription,
    String description,
    String category,
    String configurationItem,
    Level impact,
    Level urgency,
    Priority priority,
    IncidentState state,
    String assignmentGroup,
    String assignee,
    Instant responseDue,
    Instant resolutionDue,
    Instant respondedAt,
    boolean responseBreached,
    boolean resolutionBreached,
    String onHoldReason,
    String resolutionCode,
    String resolutionNotes,
    Long processInstanceKey,
    Instant createdAt,
    Instant updatedAt,
    long version) {}
