package io.flowdesk.app.change;

import io.flowdesk.domain.incident.Incident;
import io.flowdesk.domain.problem.Problem;
import java.util.ArrayList;
import java.util.List;

/**
 * A change as someone fills it in, on the raise form or in the API's body, before it is checked:
 * text as given. {@code affectedCis} are what the CI pickers show (a CI's name, or its id in the
 * API) and {@code chosenCis} the ids the browser's pickers chose, position by position (empty where
 * none was chosen; the API sends none). The planned times are ISO-8601 date-times, with an offset
 * (the API) or without one (the form's datetime-local, in the server's time zone). {@code
 * incidents} are the numbers (INC…) of the incidents it is raised for.
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
    List<String> incidents,
    List<String> chosenCis) {

  /** The raise form shows at least this many CI pickers. */
  static final int CI_ROWS = 3;

  public ChangeDraft {
    affectedCis = affectedCis == null ? List.of() : List.copyOf(affectedCis);
    incidents = incidents == null ? List.of() : List.copyOf(incidents);
    chosenCis = chosenCis == null ? List.of() : List.copyOf(chosenCis);
  }

  /** A draft without ids chosen by pickers (the API, which names CIs by id). */
  public ChangeDraft(
      final String type,
      final String template,
      final String summary,
      final String description,
      final List<String> affectedCis,
      final String plannedStart,
      final String plannedEnd,
      final String implementationPlan,
      final String backoutPlan,
      final String testPlan,
      final String assignmentGroup,
      final List<String> incidents) {
    this(
        type,
        template,
        summary,
        description,
        affectedCis,
        plannedStart,
        plannedEnd,
        implementationPlan,
        backoutPlan,
        testPlan,
        assignmentGroup,
        incidents,
        List.of());
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

  /**
   * A normal change raised to fix a problem: its short description and affected CIs (by CMDB id,
   * which the pickers resolve); linked to the problem once raised, not to its incidents.
   */
  static ChangeDraft forProblem(final Problem problem) {
    final List<String> cis =
        problem.affectedCis().stream().map(ci -> ci.ciId().toString()).toList();
    return new ChangeDraft(
        "normal",
        null,
        "Fix " + problem.number() + ": " + problem.shortDescription(),
        null,
        cis,
        null,
        null,
        null,
        null,
        null,
        null,
        List.of(),
        cis);
  }

  /** One CI picker of the raise form: the text it shows and the id chosen (or empty). */
  public record CiRow(String text, String chosenId) {}

  /** The id chosen for the {@code index}th CI, or null. */
  String chosenCi(final int index) {
    return index < chosenCis.size() ? chosenCis.get(index) : null;
  }

  /** The raise form's CI pickers: those filled in, then empty ones up to {@value #CI_ROWS}. */
  public List<CiRow> ciRows() {
    final List<CiRow> rows = new ArrayList<>();
    for (int i = 0; i < affectedCis.size(); i++) {
      if (affectedCis.get(i) != null && !affectedCis.get(i).isBlank()) {
        final String chosen = chosenCi(i);
        rows.add(new CiRow(affectedCis.get(i), chosen == null ? "" : chosen));
      }
    }
    while (rows.size() < CI_ROWS) {
      rows.add(new CiRow("", ""));
    }
    return rows;
  }
}
