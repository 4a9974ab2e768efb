package io.flowdesk.domain.change;

import java.time.Instant;
import java.util.List;

/**
 * How a change was authorized: by whom ({@code authority}, e.g. "CAB"), the outcome, the approvals
 * the authority required ({@code quorum}, null for one person's decision) and every vote in the
 * order given.
 */
public record AuthorizationRecord(
    String authority,
    Authorization outcome,
    Integer quorum,
    List<AuthorizationVote> votes,
    Instant recordedAt) {

  public AuthorizationRecord {
    votes = List.copyOf(votes);
  }

  /** The votes with {@code decision}. */
  public long count(final VoteDecision decision) {
    return votes.stream().filter(vote -> vote.decision() == decision).count();
  }
}
