package io.flowdesk.domain.approval;

import java.time.Instant;
import java.util.List;

/** An approval with everything that happened to it, oldest first. */
public record Approval(
    long id,
    long processInstanceKey,
    String recordNumber,
    String subject,
    String requester,
    String requestedFor,
    ApprovalMode mode,
    int required,
    List<String> approvers,
    ApprovalState state,
    Instant createdAt,
    Instant decidedAt,
    List<ApprovalStep> steps) {

  public Approval {
    approvers = List.copyOf(approvers);
    steps = List.copyOf(steps);
  }

  /** The votes alone (approved, rejected and abstained), oldest first. */
  public List<ApprovalStep> decisions() {
    return steps.stream().filter(step -> step.action().decides()).toList();
  }

  /** How many steps took {@code action}. */
  public int count(final ApprovalAction action) {
    return (int) steps.stream().filter(step -> step.action() == action).count();
  }

  /** Whether {@code username} may not decide it: the requester or whom it was requested for. */
  public boolean concerns(final String username) {
    return username != null && (username.equals(requester) || username.equals(requestedFor));
  }
}
