package io.flowdesk.app.change;

import io.flowdesk.app.record.Timeline;
import io.flowdesk.app.record.TimelineEntry;
import io.flowdesk.app.record.Timelines;
import io.flowdesk.domain.change.Authorization;
import io.flowdesk.domain.change.AuthorizationVote;
import io.flowdesk.domain.change.Change;
import io.flowdesk.domain.change.ChangeRecords;
import io.flowdesk.domain.change.ChangeState;
import io.flowdesk.domain.change.CloseCode;
import io.flowdesk.domain.record.AuditEntry;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * A change's history in words for the agents' page: raised, each state it reached, its risk, the
 * authorization with each vote, the close code and attachments, merged with the journal (work notes
 * included), oldest first.
 */
@Component
class ChangeTimeline {

  private final ChangeRecords records;
  private final Timelines timelines;

  ChangeTimeline(final ChangeRecords records, final Timelines timelines) {
    this.records = records;
    this.timelines = timelines;
  }

  List<TimelineEntry> of(final Change change) {
    final Timeline timeline = timelines.start(true);
    for (final AuditEntry entry : records.auditTrail(change.id())) {
      final String actor = timeline.person(entry.actor());
      final String value = entry.newValue();
      final String line =
          switch (entry.field()) {
            case "number" -> "Raised by " + actor;
            case "state" -> entry.oldValue() == null ? null : state(value);
            case "risk" -> "Risk rated " + value.toLowerCase(Locale.ROOT);
            case "authorization" ->
                Authorization.APPROVED.name().equals(value) ? "Authorized" : "Not authorized";
            case "closeCode" ->
                "Close code: " + CloseCode.of(value).map(CloseCode::label).orElse(value);
            case "attachment" -> "File attached: " + value;
            default -> null;
          };
      if (line != null) {
        timeline.event(entry.at(), actor, line, null);
      }
    }
    records
        .authorizationOf(change.id())
        .ifPresent(
            authorization -> {
              for (final AuthorizationVote vote : authorization.votes()) {
                timeline.event(
                    vote.decidedAt(),
                    timeline.person(vote.approver()),
                    authorization.authority() + " vote: " + CabOutcome.label(vote.decision()),
                    vote.comment());
              }
            });
    timeline.journal(records.journal(change.id(), true));
    return timeline.entries();
  }

  private static String state(final String state) {
    try {
      return ChangeState.valueOf(state).label();
    } catch (IllegalArgumentException unknown) {
      return "State changed to " + state;
    }
  }
}
