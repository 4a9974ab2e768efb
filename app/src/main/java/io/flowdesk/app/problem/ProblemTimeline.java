package io.flowdesk.app.problem;

import io.flowdesk.app.record.Timeline;
import io.flowdesk.app.record.TimelineEntry;
import io.flowdesk.app.record.Timelines;
import io.flowdesk.domain.problem.Problem;
import io.flowdesk.domain.problem.ProblemRecords;
import io.flowdesk.domain.problem.ProblemState;
import io.flowdesk.domain.record.AuditEntry;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * A problem's history in words for the agents' page: raised (or proposed), each state it reached,
 * its root cause, when it became a known error, incidents linked and unlinked, fix changes and
 * attachments, merged with the journal (work notes included), oldest first.
 */
@Component
class ProblemTimeline {

  private final ProblemRecords records;
  private final Timelines timelines;

  ProblemTimeline(final ProblemRecords records, final Timelines timelines) {
    this.records = records;
    this.timelines = timelines;
  }

  List<TimelineEntry> of(final Problem problem) {
    final Timeline timeline = timelines.start(true);
    for (final AuditEntry entry : records.auditTrail(problem.id())) {
      final String actor = timeline.person(entry.actor());
      final String value = entry.newValue();
      final String line =
          switch (entry.field()) {
            case "number" -> "Raised by " + actor;
            case "proposed" -> "Proposed: its incidents recur";
            case "state" -> entry.oldValue() == null ? null : state(value);
            case "cause" -> "Root cause recorded";
            case "knownError" -> "Known error: the workaround applies to its incidents";
            case "workaround" -> "Workaround changed";
            case "incident" ->
                value == null
                    ? "Incident unlinked: " + entry.oldValue()
                    : entry.oldValue() == null ? "Incident linked: " + value : null;
            case "change" -> "Fix change raised: " + value;
            case "attachment" -> "File attached: " + value;
            default -> null;
          };
      if (line != null) {
        timeline.event(entry.at(), actor, line, null);
      }
    }
    timeline.journal(records.journal(problem.id(), true));
    return timeline.entries();
  }

  private static String state(final String state) {
    try {
      return ProblemState.valueOf(state).label();
    } catch (IllegalArgumentException unknown) {
      return "State changed to " + state;
    }
  }
}
