package io.flowdesk.app.problem;

import io.flowdesk.app.cmdb.CiChoices;
import io.flowdesk.app.incident.IncidentAccess;
import io.flowdesk.app.security.Viewer;
import io.flowdesk.domain.change.AffectedCi;
import io.flowdesk.domain.directory.Directory;
import io.flowdesk.domain.incident.Priority;
import io.flowdesk.domain.problem.NewProblem;
import io.flowdesk.domain.problem.ProblemRecords;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Checks a {@link ProblemDraft} before anything is written, for the form and the API alike: every
 * problem at once, one message per field (named as the API names them). A problem is linked only to
 * incidents its raiser may see (one they may not see reads as one that does not exist).
 */
@Component
public class ProblemDrafts {

  static final int SUMMARY = 160;
  static final int TEXT = 10_000;
  static final int NAME = 64;

  private final IncidentAccess incidentAccess;
  private final CiChoices ciChoices;
  private final Directory directory;

  ProblemDrafts(
      final IncidentAccess incidentAccess, final CiChoices ciChoices, final Directory directory) {
    this.incidentAccess = incidentAccess;
    this.ciChoices = ciChoices;
    this.directory = directory;
  }

  /** The outcome of a check: the problem when {@code problems} is empty. */
  public record Checked(NewProblem problem, Map<String, String> problems) {
    public boolean valid() {
      return problems.isEmpty();
    }
  }

  public Checked check(final ProblemDraft draft, final Viewer raiser) {
    final Map<String, String> errors = new LinkedHashMap<>();
    if (blank(draft.summary())) {
      errors.put("summary", "is required");
    }
    length("summary", draft.summary(), SUMMARY, errors);
    length("description", draft.description(), TEXT, errors);
    length("category", draft.category(), NAME, errors);
    if (blank(draft.assignmentGroup())) {
      errors.put("assignmentGroup", "is required");
    } else if (draft.assignmentGroup().strip().length() > NAME) {
      errors.put("assignmentGroup", "may have at most " + NAME + " characters");
    } else if (directory.group(draft.assignmentGroup().strip()).isEmpty()) {
      errors.put("assignmentGroup", "there is no group '" + draft.assignmentGroup().strip() + "'");
    }
    final Optional<Priority> priority = ProblemRecords.priority(draft.priority());
    if (priority.isEmpty()) {
      errors.put("priority", "must be one of P1, P2, P3, P4, P5");
    }
    final List<AffectedCi> cis = affectedCis(draft, errors);
    final List<String> linked = incidents(draft.incidents(), raiser, errors);
    if (!errors.isEmpty()) {
      return new Checked(null, errors);
    }
    return new Checked(
        new NewProblem(
            draft.summary().strip(),
            text(draft.description()),
            text(draft.category()),
            cis,
            draft.assignmentGroup().strip(),
            null,
            priority.orElseThrow(),
            linked,
            raiser.username(),
            false),
        Map.of());
  }

  private List<AffectedCi> affectedCis(final ProblemDraft draft, final Map<String, String> errors) {
    return ciChoices
        .resolveAll(draft.affectedCis(), draft.chosenCis(), "affectedCis", errors)
        .stream()
        .map(ci -> new AffectedCi(ci.id(), ci.name()))
        .toList();
  }

  /** The numbers, each once, when every one is an incident the raiser may see. */
  List<String> incidents(
      final List<String> numbers, final Viewer raiser, final Map<String, String> errors) {
    return incidentAccess.linkable(raiser, numbers, errors);
  }

  private static void length(
      final String field, final String given, final int max, final Map<String, String> errors) {
    if (given != null && given.strip().length() > max) {
      errors.putIfAbsent(field, "may have at most " + max + " characters");
    }
  }

  private static String text(final String given) {
    return blank(given) ? null : given.strip();
  }

  private static boolean blank(final String given) {
    return given == null || given.isBlank();
  }
}
