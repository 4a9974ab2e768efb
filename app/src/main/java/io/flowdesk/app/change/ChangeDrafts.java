package io.flowdesk.app.change;

import io.flowdesk.domain.change.AffectedCi;
import io.flowdesk.domain.change.ChangeRecords;
import io.flowdesk.domain.change.ChangeTemplate;
import io.flowdesk.domain.change.ChangeType;
import io.flowdesk.domain.change.NewChange;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Checks a {@link ChangeDraft} before anything is written, for the raise form and the API alike:
 * every problem at once, one message per field (named as the API names them), so the form shows
 * them inline and the API in its problem document. A draft without problems becomes the {@link
 * NewChange} the change record takes.
 */
@Component
public class ChangeDrafts {

  static final int SUMMARY = 160;
  static final int TEXT = 10_000;
  static final int NAME = 64;

  private final ChangeRecords records;
  private final Clock clock;

  ChangeDrafts(final ChangeRecords records, final Clock clock) {
    this.records = records;
    this.clock = clock;
  }

  /** The outcome of a check: the change when {@code problems} is empty. */
  public record Checked(NewChange change, Map<String, String> problems) {
    public boolean valid() {
      return problems.isEmpty();
    }
  }

  /**
   * @param requestedBy who raises the change
   */
  public Checked check(final ChangeDraft draft, final String requestedBy) {
    final Map<String, String> problems = new LinkedHashMap<>();
    final ChangeType type = type(draft.type(), problems);
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
    final Instant start = time("plannedStart", draft.plannedStart(), problems);
    final Instant end = time("plannedEnd", draft.plannedEnd(), problems);
    if (start != null && end != null && !end.isAfter(start)) {
      problems.put("plannedEnd", "must be after the planned start");
    }
    final List<AffectedCi> cis = affectedCis(draft.affectedCis(), problems);
    if (!problems.isEmpty()) {
      return new Checked(null, problems);
    }
    return new Checked(
        new NewChange(
            type,
            template.map(ChangeTemplate::id).orElse(null),
            text(draft.summary()),
            text(draft.description()),
            requestedBy,
            text(draft.assignmentGroup()),
            null,
            cis,
            start,
            end,
            text(draft.implementationPlan()),
            text(draft.backoutPlan()),
            text(draft.testPlan()),
            null,
            List.of()),
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

  private static List<AffectedCi> affectedCis(
      final List<String> names, final Map<String, String> problems) {
    final Set<String> distinct = new LinkedHashSet<>();
    for (final String name : names) {
      if (!blank(name)) {
        distinct.add(name.strip());
      }
    }
    final List<AffectedCi> cis = new ArrayList<>();
    for (final String name : distinct) {
      if (name.length() > AffectedCi.NAME) {
        problems.put("affectedCis", "a name may have at most " + AffectedCi.NAME + " characters");
        return List.of();
      }
      cis.add(new AffectedCi(unresolvedId(name), name));
    }
    return cis;
  }

  // CIs are named in free text until the change pages pick them from the CMDB. The record keeps a
  // CI as id and name; a name-based id (always the same for the same name) stands in until then and
  // is recognizably not a CMDB id (version 3, the CMDB's are random).
  static UUID unresolvedId(final String name) {
    return UUID.nameUUIDFromBytes(("flowdesk:ci-name:" + name).getBytes(StandardCharsets.UTF_8));
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
