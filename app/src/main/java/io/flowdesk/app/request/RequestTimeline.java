package io.flowdesk.app.request;

import io.flowdesk.app.record.Timeline;
import io.flowdesk.app.record.TimelineEntry;
import io.flowdesk.app.record.Timelines;
import io.flowdesk.domain.approval.Approval;
import io.flowdesk.domain.approval.ApprovalStep;
import io.flowdesk.domain.approval.Approvals;
import io.flowdesk.domain.record.AuditEntry;
import io.flowdesk.domain.request.Request;
import io.flowdesk.domain.request.RequestRecords;
import io.flowdesk.domain.request.RequestState;
import java.util.List;
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
  private final Timelines timelines;
  private final Approvals approvals;

  RequestTimeline(
      final RequestRecords records, final Timelines timelines, final Approvals approvals) {
    this.records = records;
    this.timelines = timelines;
    this.approvals = approvals;
  }

  /**
   * @param includeWorkNotes whether internal work notes appear (agents' view)
   */
  public List<TimelineEntry> of(final Request request, final boolean includeWorkNotes) {
    final Timeline timeline = timelines.start(includeWorkNotes);
    for (final AuditEntry entry : records.auditTrail(request.id())) {
      final String actor = timeline.person(entry.actor());
      final String line =
          switch (entry.field()) {
            case "number" -> "Ordered by " + actor;
            case "state" -> entry.oldValue() == null ? null : state(entry.newValue());
            case "attachment" -> "File attached: " + entry.newValue();
            default -> null;
          };
      if (line != null) {
        timeline.event(entry.at(), actor, line, null);
      }
    }
    timeline.journal(records.journal(request.id(), includeWorkNotes));
    for (final Approval approval : approvals.forRecord(request.number())) {
      timeline.event(
          approval.createdAt(),
          "Flowdesk",
          "Approval asked of "
              + String.join(", ", approval.approvers().stream().map(timeline::person).toList()),
          null);
      for (final ApprovalStep step : approval.steps()) {
        approvalStep(timeline, step);
      }
    }
    return timeline.entries();
  }

  // A decision's comment is the approver's word to the requester (why it was rejected); a
  // delegation's reason is between approvers and stays in the agents' view.
  private static void approvalStep(final Timeline timeline, final ApprovalStep step) {
    final String actor = timeline.person(step.actor());
    final String onBehalf =
        step.onBehalfOf() == null ? "" : " for " + timeline.person(step.onBehalfOf());
    switch (step.action()) {
      case APPROVED ->
          timeline.comment(
              step.at(), actor, "Approved by " + actor + onBehalf, blank(step.comment()));
      case REJECTED ->
          timeline.comment(
              step.at(), actor, "Rejected by " + actor + onBehalf, blank(step.comment()));
      case DELEGATED ->
          timeline.event(
              step.at(),
              actor,
              "Approval delegated by " + actor + " to " + timeline.person(step.handedTo()),
              timeline.agentsView() ? blank(step.comment()) : null);
      case ESCALATED ->
          timeline.event(
              step.at(),
              "Flowdesk",
              "Approval not given in time by "
                  + actor
                  + ", escalated to "
                  + timeline.person(step.handedTo()),
              null);
    }
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
}
