package io.flowdesk.app.change;

import io.flowdesk.domain.change.Authorization;
import io.flowdesk.domain.change.AuthorizationRecord;
import io.flowdesk.domain.change.AuthorizationVote;
import io.flowdesk.domain.change.VoteDecision;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * How a change was authorized as its page and {@code GET /api/changes/{number}} show it: the
 * authority (CAB, emergency CAB, change manager), the outcome, the quorum and each vote.
 */
public record CabOutcome(
    String authority,
    String outcome,
    Integer quorum,
    long approved,
    long rejected,
    long abstained,
    List<Vote> votes,
    Instant recordedAt) {

  /** One vote: who, {@code approved}/{@code rejected}/{@code abstained}, why and when. */
  public record Vote(
      String approver, String decision, String comment, Instant decidedAt, String delegatedFrom) {
    static Vote of(final AuthorizationVote vote) {
      return new Vote(
          vote.approver(),
          vote.decision().name().toLowerCase(Locale.ROOT),
          vote.comment(),
          vote.decidedAt(),
          vote.delegatedFrom());
    }
  }

  static CabOutcome of(final AuthorizationRecord record) {
    return new CabOutcome(
        record.authority(),
        record.outcome() == Authorization.APPROVED ? "approved" : "rejected",
        record.quorum(),
        record.count(VoteDecision.APPROVED),
        record.count(VoteDecision.REJECTED),
        record.count(VoteDecision.ABSTAINED),
        record.votes().stream().map(Vote::of).toList(),
        record.recordedAt());
  }

  /** "Approve", "Reject", "Abstain": how a vote reads on the page. */
  static String label(final VoteDecision decision) {
    return switch (decision) {
      case APPROVED -> "approve";
      case REJECTED -> "reject";
      case ABSTAINED -> "abstain";
    };
  }
}
