package io.flowdesk.domain.approval;

/** Whether an approval still waits for its approvers, and how it ended. */
public enum ApprovalState {
  OPEN,
  APPROVED,
  REJECTED
}
