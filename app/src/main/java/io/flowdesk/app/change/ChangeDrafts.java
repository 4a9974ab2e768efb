package io.flowdesk.app.change;

import io.flowdesk.app.cmdb.CiChoices;
import io.flowdesk.app.incident.IncidentAccess;
import io.flowdesk.app.security.Viewer;
import io.flowdesk.domain.change.AffectedCi;
import io.flowdesk.domain.change.ChangeRecords;
import io.flowdesk.domain.change.ChangeTemplate;
import io.flowdesk.domain.change.ChangeType;
import io.flowdesk.domain.change.NewChange;
import io.flowdesk.domain.directory.Directory;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Checks a {@link ChangeDraft} before anything is written, for the raise form and the API alike:
 * every problem at once, one message per field (named as the API names them), so the form shows
 * them inline and the API in its problem document. A draft without problems becomes the {@link
 * NewChange} the change record takes.
 *
 * <p>Who raises it matters twice: only change managers raise emergency changes ({@link
 * ChangeAccess#raisesEmergencies}), and a change is linked only to incidents its raiser may see
 * (one they may not see reads as one that does not exist, so numbers cannot be probed).
 */
@Component
public class ChangeDrafts {

  static final int SUMMARY = 160;
  static final int TEXT = 10_000;
  static final int NAME = 64;

  private final ChangeRecords records;
  private final IncidentAccess incidentAccess;
  private final CiChoices ciChoices;
  private final Directory directory;
  private final Clock clock;

  ChangeDrafts(
      final ChangeRecords records,
      final IncidentAccess incidentAccess,
      final CiChoices ciChoices,
      final Directory directory,
      final Clock clock) {
    this.records = records;
    this.incidentAccess = incidentAccess;
    this.ciChoices = ciChoices;
    this.directory = directory;
    this.clock = clock;
  }

  /** The outcome of a check: the change when {@code problems} is empty. */
  public record Checked(NewChange change, Map<String, String> problems) {
    public boolean valid() {
      return problems.isEmpty();
    }
  }

  /**
   * @param raiser who raises the change (its {@code requestedBy})
   */
  public Checked check(final ChangeDraft draft, final Viewer raiser) {
    final Map<String, String> problems = new LinkedHashMap<>();
    final ChangeType type = type(draft.type(), problems);
    if (type == ChangeType.EMERGENCY && !ChangeAccess.raisesEmergencies(raiser)) {
      problems.put(
          "type",
          "emergency changes are raised by change managers (group "
              + ChangeAccess.CHANGE_MANAGERS
              + "); raise a normal change or ask one of them");
    }
    final Optional<ChangeTemplate> template = template(type, draft.template(), problems);
    if (blank(draft.summary()) && template.isEmpty()) {
      problems.put("summary", "is required");
    }
    length("summary", draft.summary(), SUMMARY, problems);
    length("description", draft.description(), TEXT, problems);
    length("implementationPlan", draft.implementationPlan(), TEXT, problems);
    length("backoutPlan", draft.backoutPlan(), TEXT, problems);
    length("testPlan", draft.testPlan(), TEXT, problems);
    if (blank(draft.assignmentGroup())
        && template.map(ChangeTemplate::assignmentGroup).filter(g -> !g.isBlank()).isEmpty()) {
      problems.put("assignmentGroup", "is required");
    }
    length("assignmentGroup", draft.assignmentGroup(), NAME, problems);
    if (!blank(draft.assignmentGroup())
        && !problems.containsKey("assignmentGroup")
        && directory.group(draft.assignmentGroup().strip()).isEmpty()) {
      // Its tasks go to this group's inbox: one nobody belongs to would leave the change unseen.
      problems.put(
          "assignmentGroup", "there is no group '" + draft.assignmentGroup().strip() + "'");
    }
    final Instant start = time("plannedStart", draft.plannedStart(), problems);
    final Instant end = time("plannedEnd", draft.plannedEnd(), problems);
    if (start != null && end != null && !end.isAfter(start)) {
      problems.put("plannedEnd", "must be after the planned start");
    }
    final List<AffectedCi> cis = affectedCis(draft, problems);
    final List<String> linked = incidentAccess.linkable(raiser, draft.incidents(), problems);
    if (!problems.isEmpty()) {
      return new Checked(null, problems);
    }
    return new Checked(
        new NewChange(
            type,
            template.map(ChangeTemplate::id).orElse(null),
            text(draft.summary()),
            text(draft.description()),
            raiser.username(),
            text(draft.assignmentGroup()),
            null,
            cis,
            start,
            end,
            text(draft.implementationPlan()),
            text(draft.backoutPlan()),
            text(draft.testPlan()),
            null,
            linked),
        Map.of());
  }

  private static ChangeType type(final String given, final Map<String, String> problems) {
    if (blank(given)) {
      problems.put("type", "is required: standard, normal or emergency");
      return null;
    }
    try {
      return ChangeType.valueOf(given.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException unknown) {
      problems.put("type", "must be standard, normal or emergency");
      return null;
    }
  }

  private Optional<ChangeTemplate> template(
      final ChangeType type, final String given, final Map<String, String> problems) {
    if (type != ChangeType.STANDARD) {
      if (type != null && !blank(given)) {
        problems.put("template", "is only for standard changes");
      }
      return Optional.empty();
    }
    if (blank(given)) {
      problems.put("template", "is required for a standard change");
      return Optional.empty();
    }
    final Optional<ChangeTemplate> template = records.template(given.strip());
    if (template.isEmpty()) {
      problems.put("template", "'" + given.strip() + "' is not an active standard change template");
    }
    return template;
  }

  /**
   * A planned time as the forms (datetime-local, the server's zone) and the API (with an offset)
   * give it; a problem for {@code field} when missing or unreadable.
   */
  public Instant time(final String field, final String given, final Map<String, String> problems) {
    if (blank(given)) {
      problems.put(field, "is required");
      return null;
    }
    try {
      return OffsetDateTime.parse(given.strip()).toInstant();
    } catch (DateTimeParseException withoutOffset) {
      try {
        return LocalDateTime.parse(given.strip()).atZone(clock.getZone()).toInstant();
      } catch (DateTimeParseException unreadable) {
        problems.put(field, "must be a date and time such as 2026-01-31T14:00+01:00");
        return null;
      }
    }
  }

  /**
   * The CMDB's CIs the pickers name (a chosen id, or the text as a CI id or exact name), each once;
   * the first input that names no single CI is the field's problem, naming what was entered.
   */
  private List<AffectedCi> affectedCis(
      final ChangeDraft draft, final Map<String, String> problems) {
    return affectedCis(draft.affectedCis(), draft.chosenCis(), problems);
  }

  /**
   * The CMDB's CIs that CI pickers name, each once: {@code texts} as the pickers show them (a name,
   * or a CI id as the API sends), {@code chosen} the ids the browser's pickers chose, position by
   * position (shorter or empty where none was chosen). The first input that names no single CI is
   * the {@code affectedCis} problem.
   */
  public List<AffectedCi> affectedCis(
      final List<String> texts, final List<String> chosen, final Map<String, String> problems) {
    return ciChoices.resolveAll(texts, chosen, "affectedCis", problems).stream()
        .map(ci -> new AffectedCi(ci.id(), ci.name()))
        .toList();
  }

  private static void length(
      final String field, final String given, final int max, final Map<String, String> problems) {
    if (given != null && given.strip().length() > max) {
      problems.putIfAbsent(field, "may have at most " + max + " characters");
    }
  }

  private static String text(final String given) {
    return blank(given) ? null : given.strip();
  }

  private static boolean blank(final String given) {
    return given == null || given.isBlank();
  }
}
