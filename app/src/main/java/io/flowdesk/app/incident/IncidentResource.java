package io.flowdesk.app.incident;

import io.flowdesk.domain.incident.Incident;
import io.flowdesk.domain.incident.IncidentState;
import io.flowdesk.domain.incident.Level;
import io.flowdesk.domain.incident.Priority;
import java.time.Instant;
import java.util.Locale;

/**
 * An incident as {@code /api/incidents} answers it. Impact and urgency in the report form's
 * lowercase words; the process instance key as a string, as Camunda's API writes keys.
 */
public record IncidentResource(
    String number,
    String caller,
    String shortDescription,
    String description,
    String category,
    String configurationItem,
    String impact,
    String urgency,
    Priority priority,
    IncidentState state,
    String assignmentGroup,
    String assignee,
    Instant responseDue,
    Instant resolutionDue,
    boolean responseBreached,
    boolean resolutionBreached,
    String onHoldReason,
    String resolutionCode,
    String resolutionNotes,
    String processInstanceKey,
    Instant createdAt,
    Instant updatedAt,
    long version) {

  static IncidentResource of(final Incident incident) {
    return new IncidentResource(
        incident.number(),
        incident.caller(),
        incident.shortDescription(),
        incident.description(),
        incident.category(),
        incident.configurationItem(),
        word(incident.impact()),
        word(incident.urgency()),
        incident.priority(),
        incident.state(),
        incident.assignmentGroup(),
        incident.assignee(),
        incident.responseDue(),
        incident.resolutionDue(),
        incident.responseBreached(),
        incident.resolutionBreached(),
        incident.onHoldReason(),
        incident.resolutionCode(),
        incident.resolutionNotes(),
        incident.processInstanceKey() == null ? null : incident.processInstanceKey().toString(),
        incident.createdAt(),
        incident.updatedAt(),
        incident.version());
  }

  private static String word(final Level level) {
    return level == null ? null : level.name().toLowerCase(Locale.ROOT);
  }
}
