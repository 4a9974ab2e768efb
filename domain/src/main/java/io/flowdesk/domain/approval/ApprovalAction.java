package io.flowdesk.domain.approval;

/** What an approver (or the process on their behalf) did with an approval. */
public enum ApprovalAction {
  APPROVED,
  REJECTED,
  /**
   * Took part without taking a side, with a comment saying why: completes the approver's part and
   * counts for neither outcome ({@link ApprovalMode#abstention()} says what it does to the count).
   */
  ABSTAINED,
  /** Handed on to another person, with a reason. */
  DELEGATED,
  /** Nobody decided in time: handed on to the approver's manager. */
  ESCALATED;

  /** Whether this step is an approver's vote (approved, rejected or abstained). */
  public boolean decides() {
    return this == APPROVED || this == REJECTED || this == ABSTAINED;
  }
}
