package io.flowdesk.app.problem;

import io.flowdesk.domain.incident.Incident;
import java.util.List;

/**
 * A problem as someone fills it in, on the form or in the API's body, before it is checked: text as
 * given. {@code affectedCis} are what the CI picker shows (a CI's name, or its id in the API) and
 * {@code chosenCis} the ids the browser's picker chose, position by position; {@code incidents} are
 * the numbers (INC…) it is raised for; {@code priority} P1..P5.
 */
public record ProblemDraft(
    String summary,
    String description,
    String category,
    List<String> affectedCis,
    List<String> chosenCis,
    String assignmentGroup,
    String priority,
    List<String> incidents) {

  public ProblemDraft {
    affectedCis = affectedCis == null ? List.of() : List.copyOf(affectedCis);
    chosenCis = chosenCis == null ? List.of() : List.copyOf(chosenCis);
    incidents = incidents == null ? List.of() : List.copyOf(incidents);
  }

  static ProblemDraft blank() {
    return new ProblemDraft(
        null, null, null, List.of(), List.of(), ProblemAccess.PROBLEM_MANAGERS, "P3", List.of());
  }

  /** A problem raised from an incident: its summary, category, CI and priority, linked to it. */
  static ProblemDraft forIncident(final Incident incident, final List<String> ciIds) {
    return new ProblemDraft(
        incident.shortDescription(),
        null,
        incident.category(),
        ciIds,
        ciIds,
        ProblemAccess.PROBLEM_MANAGERS,
        incident.priority() == null ? "P3" : incident.priority().name(),
        List.of(incident.number()));
  }

  /** The text of the first CI picker (the form offers one). */
  public String ciText() {
    return affectedCis.isEmpty() ? "" : affectedCis.get(0);
  }

  /** The id the picker chose for the first CI, or empty. */
  public String ciChosen() {
    return chosenCis.isEmpty() || chosenCis.get(0) == null ? "" : chosenCis.get(0);
  }

  String chosenCi(final int index) {
    return index < chosenCis.size() ? chosenCis.get(index) : null;
  }
}
