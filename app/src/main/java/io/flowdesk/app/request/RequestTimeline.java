package io.flowdesk.app.request;

import io.flowdesk.app.incident.TimelineEntry;
import io.flowdesk.domain.approval.Approval;
import io.flowdesk.domain.approval.ApprovalStep;
import io.flowdesk.domain.approval.Approvals;
import io.flowdesk.domain.directory.Directory;
import io.flowdesk.domain.directory.Person;
import io.flowdesk.domain.record.Actor;
import io.flowdesk.domain.record.AuditEntry;
import io.flowdesk.domain.record.JournalEntry;
import io.flowdesk.domain.record.JournalKind;
import io.flowdesk.domain.request.Request;
import io.flowdesk.domain.request.RequestRecords;
import io.flowdesk.domain.request.RequestState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * A request's history in words: ordered, each state it reached, attachments, its approvals (who was
 * asked, who approved or rejected and why), merged with the journal, oldest first. Work notes and
 * the reasons given for delegating an approval appear only in the agents' view; the audit trail
 * never holds their words.
 */
@Component
public class RequestTimeline {

  private final RequestRecords records;
  private final Directory directory;
  private final Approvals approvals;

  RequestTimeline(
      final RequestRecords records, final Directory directory, final Approvals approvals) {
    this.records = records;
    this.directory = directory;
    this.approvals = approvals;
  }

  /**
   * @param includeWorkNotes whether internal work notes appear (agents' view)
   */
  public List<TimelineEntry> of(final Request request, final boolean includeWorkNotes) {
    final Map<String, String> names = new HashMap<>();
    final List<TimelineEntry> entries = new ArrayList<>();
    for (final AuditEntry entry : records.auditTrail(request.id())) {
      final String actor = name(names, entry.actor());
      final String line =
          switch (entry.field()) {
            case "number" -> "Ordered by " + actor;
            case "state" -> entry.oldValue() == null ? null : state(entry.newValue());
            case "attachment" -> "File attached: " + entry.newValue();
            default -> null;
          };
      if (line != null) {
        entries.add(new TimelineEntry(entry.at(), actor, "event", line, null));
      }
    }
    for (final JournalEntry note : records.journal(request.id(), includeWorkNotes)) {
      final boolean comment = note.kind() == JournalKind.COMMENT;
      final String author = name(names, note.author());
      entries.add(
          new TimelineEntry(
              note.createdAt(),
              author,
              comment ? "comment" : "work-note",
              (comment ? "Comment by " : "Work note by ") + author,
              note.text()));
    }
    for (final Approval approval : approvals.forRecord(request.number())) {
      entries.add(
          new TimelineEntry(
              approval.createdAt(),
              "Flowdesk",
              "event",
              "Approval asked of "
                  + String.join(
                      ", ", approval.approvers().stream().map(a -> name(names, a)).toList()),
              null));
      for (final ApprovalStep step : approval.steps()) {
        entries.add(approvalStep(names, step, includeWorkNotes));
      }
    }
    entries.sort(Comparator.comparing(TimelineEntry::at));
    return List.copyOf(entries);
  }

  // A decision's comment is the approver's word to the requester (why it was rejected); a
  // delegation's reason is between approvers and stays in the agents' view.
  private TimelineEntry approvalStep(
      final Map<String, String> names, final ApprovalStep step, final boolean agentsView) {
    final String actor = name(names, step.actor());
    final String onBehalf =
        step.onBehalfOf() == null ? "" : " for " + name(names, step.onBehalfOf());
    return switch (step.action()) {
      case APPROVED ->
          new TimelineEntry(
              step.at(),
              actor,
              "comment",
              "Approved by " + actor + onBehalf,
              blank(step.comment()));
      case REJECTED ->
          new TimelineEntry(
              step.at(),
              actor,
              "comment",
              "Rejected by " + actor + onBehalf,
              blank(step.comment()));
      case DELEGATED ->
          new TimelineEntry(
              step.at(),
              actor,
              "event",
              "Approval delegated by " + actor + " to " + name(names, step.handedTo()),
              agentsView ? blank(step.comment()) : null);
      case ESCALATED ->
          new TimelineEntry(
              step.at(),
              "Flowdesk",
              "event",
              "Approval not given in time by "
                  + actor
                  + ", escalated to "
                  + name(names, step.handedTo()),
              null);
    };
  }

  private static String blank(final String text) {
    return text == null || text.isBlank() ? null : text;
  }

  private static String state(final String state) {
    try {
      return RequestState.valueOf(state).label();
    } catch (IllegalArgumentException unknown) {
      return "State changed to " + state;
    }
  }

  private String name(final Map<String, String> names, final String username) {
    if (username == null) {
      return "Someone";
    }
    if (Actor.PROCESS.equals(username)) {
      return "Flowdesk";
    }
    return names.computeIfAbsent(
        username, u -> directory.person(u).map(Person::displayName).orElse(u));
  }
}
