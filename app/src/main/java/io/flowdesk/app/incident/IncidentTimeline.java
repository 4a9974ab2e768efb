package io.flowdesk.app.incident;

import io.flowdesk.app.record.Timeline;
import io.flowdesk.app.record.TimelineEntry;
import io.flowdesk.app.record.Timelines;
import io.flowdesk.domain.incident.Incident;
import io.flowdesk.domain.incident.IncidentRecords;
import io.flowdesk.domain.record.AuditEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * An incident's history in words: the audit trail turned into sentences ("Priority set to P3",
 * "Assigned to Network team", "Resolved: …") merged with the journal, oldest first. Changes one
 * actor made at the same moment read as one step, and bookkeeping fields (SLA targets, process key)
 * are left out: the record page shows those as fields. Work notes appear only in the agents' view.
 */
@Component
public class IncidentTimeline {

  private static final Set<String> BOOKKEEPING =
      Set.of(
          "responseDue",
          "resolutionDue",
          "respondedAt",
          "processInstanceKey",
          "onHoldReason",
          "resolutionCode",
          "resolutionNotes",
          "responseBreached",
          "resolutionBreached");

  /**
   * Audit fields of journal entries: the journal itself is merged in, filtered by who may see work
   * notes, so these lines would only repeat it (and older trails still hold work notes' words).
   */
  private static final Set<String> JOURNALED = Set.of("comment", "workNote");

  private final IncidentRecords records;
  private final Timelines timelines;

  IncidentTimeline(final IncidentRecords records, final Timelines timelines) {
    this.records = records;
    this.timelines = timelines;
  }

  /**
   * The history of {@code incident}.
   *
   * @param includeWorkNotes whether internal work notes and SLA breaches appear (agents' view)
   */
  public List<TimelineEntry> of(final Incident incident, final boolean includeWorkNotes) {
    return of(incident, includeWorkNotes, records.core().audit().of(incident.id()));
  }

  /**
   * The history of {@code incident} from its audit trail, read already by a page that shows the
   * trail as well.
   *
   * @param includeWorkNotes whether internal work notes and SLA breaches appear (agents' view)
   */
  public List<TimelineEntry> of(
      final Incident incident, final boolean includeWorkNotes, final List<AuditEntry> auditTrail) {
    final Timeline timeline = timelines.start(includeWorkNotes);
    final List<List<AuditEntry>> steps = steps(auditTrail);
    for (int i = 0; i < steps.size(); i++) {
      final List<AuditEntry> step = steps.get(i);
      final String actor = timeline.person(step.get(0).actor());
      if (i == 0 && step.stream().allMatch(entry -> entry.oldValue() == null)) {
        timeline.event(step.get(0).at(), actor, "Reported by " + actor, null);
        continue;
      }
      final Map<String, AuditEntry> byField = new LinkedHashMap<>();
      step.forEach(entry -> byField.put(entry.field(), entry));
      for (final AuditEntry entry : step) {
        describe(entry, byField, timeline)
            .ifPresent(line -> timeline.event(entry.at(), actor, line.summary, line.text));
      }
    }
    timeline.journal(records.core().journal(incident.id(), includeWorkNotes));
    return timeline.entries();
  }

  private static Optional<Line> describe(
      final AuditEntry entry, final Map<String, AuditEntry> step, final Timeline timeline) {
    final String value = entry.newValue();
    final String field = entry.field();
    if ("responseBreached".equals(field) || "resolutionBreached".equals(field)) {
      return timeline.agentsView() && "true".equals(value)
          ? Optional.of(
              new Line(
                  ("responseBreached".equals(field) ? "Response" : "Resolution") + " target missed",
                  null))
          : Optional.empty();
    }
    if (BOOKKEEPING.contains(field) || JOURNALED.contains(field)) {
      return Optional.empty();
    }
    final String line =
        switch (field) {
          case "priority" ->
              entry.oldValue() == null
                  ? "Priority set to " + value
                  : "Priority changed from " + entry.oldValue() + " to " + value;
          case "assignmentGroup" ->
              value == null ? "Removed from its group" : "Assigned to " + timeline.group(value);
          case "assignee" -> value == null ? "Unassigned" : "Taken on by " + timeline.person(value);
          case "state" -> state(entry, step);
          default ->
              humanise(field) + (value == null ? " cleared" : " changed to " + displayValue(value));
        };
    final String text = "state".equals(field) ? stateText(entry, step) : null;
    return Optional.of(new Line(line, text));
  }

  private static String state(final AuditEntry entry, final Map<String, AuditEntry> step) {
    final String to = entry.newValue();
    final String from = entry.oldValue();
    return switch (to) {
      case "IN_PROGRESS" ->
          "RESOLVED".equals(from)
              ? "Reopened"
              : "ON_HOLD".equals(from) ? "Work resumed" : "Work started";
      case "ON_HOLD" -> "On hold" + suffix(step.get("onHoldReason"));
      case "RESOLVED" -> "Resolved" + suffix(step.get("resolutionCode"));
      case "CLOSED" -> "Closed";
      case "CANCELED" -> "Canceled";
      case "NEW" -> "New";
      default -> "State changed to " + displayValue(to);
    };
  }

  private static String stateText(final AuditEntry entry, final Map<String, AuditEntry> step) {
    if ("RESOLVED".equals(entry.newValue()) && step.containsKey("resolutionNotes")) {
      return step.get("resolutionNotes").newValue();
    }
    return null;
  }

  private static String suffix(final AuditEntry detail) {
    return detail == null || detail.newValue() == null ? "" : ": " + detail.newValue();
  }

  /** Audit entries grouped into steps: same actor, same moment. */
  private static List<List<AuditEntry>> steps(final List<AuditEntry> trail) {
    final List<List<AuditEntry>> steps = new ArrayList<>();
    List<AuditEntry> current = null;
    for (final AuditEntry entry : trail) {
      if (current == null
          || !current.get(0).actor().equals(entry.actor())
          || !current.get(0).at().equals(entry.at())) {
        current = new ArrayList<>();
        steps.add(current);
      }
      current.add(entry);
    }
    return steps;
  }

  private static String humanise(final String field) {
    final String spaced = field.replaceAll("([A-Z])", " $1").toLowerCase(Locale.ROOT);
    return Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
  }

  private static String displayValue(final String value) {
    return value.replace('_', ' ').toLowerCase(Locale.ROOT);
  }

  /** A sentence and the words that belong with it. */
  private record Line(String summary, String text) {}
}
