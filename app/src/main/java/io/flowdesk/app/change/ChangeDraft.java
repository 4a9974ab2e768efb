package io.flowdesk.app.change;

import io.flowdesk.domain.incident.Incident;
import java.util.List;

/**
 * A change as someone fills it in, on the raise form or in the API's body, before it is checked:
 * text as given. {@code affectedCis} are CI names (the form's lines); the planned times are
 * ISO-8601 date-times, with an offset (the API) or without one (the form's datetime-local, in the
 * server's time zone). {@code incidents} are the numbers (INC…) of the incidents it is raised for.
 */
public record ChangeDraft(
    String type,
    String template,
    String summary,
    String description,
    List<String> affectedCis,
    String plannedStart,
    String plannedEnd,
    String implementationPlan,
    String backoutPlan,
    String testPlan,
    String assignmentGroup,
    List<String> incidents) {

  public ChangeDraft {
    affectedCis = affectedCis == null ? List.of() : List.copyOf(affectedCis);
    incidents = incidents == null ? List.of() : List.copyOf(incidents);
  }

  /** An empty draft of a normal change, for a new form. */
  static ChangeDraft blank() {
    return new ChangeDraft(
        "normal", null, null, null, List.of(), null, null, null, null, null, null, List.of());
  }

  /** A normal change raised for an incident: its short description and configuration item. */
  static ChangeDraft forIncident(final Incident incident) {
    final String ci = incident.configurationItem();
    return new ChangeDraft(
        "normal",
        null,
        incident.shortDescription(),
        null,
        ci == null || ci.isBlank() ? List.of() : List.of(ci.strip()),
        null,
        null,
        null,
        null,
        null,
        null,
        List.of(incident.number()));
  }

  /** The affected CIs as the form's text area shows them, one name a line. */
  public String affectedCiLines() {
    return String.join("\n", affectedCis);
  }
}
