package io.flowdesk.domain.change;

/** How one member of the authority (e.g. the CAB) voted on a change. */
public enum VoteDecision {
  APPROVED,
  REJECTED,
  ABSTAINED
}
