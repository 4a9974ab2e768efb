package io.flowdesk.domain.approval;

/** What an approver (or the process on their behalf) did with an approval. */
public enum ApprovalAction {
  APPROVED,
  REJECTED,
  /** Handed on to another person, with a reason. */
  DELEGATED,
  /** Nobody decided in time: handed on to the approver's manager. */
  ESCALATED;

  /** Whether this step is a decision (counted towards the outcome). */
  public boolean decides() {
    return this == APPROVED || this == REJECTED;
  }
}
