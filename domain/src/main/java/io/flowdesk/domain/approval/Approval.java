package io.flowdesk.domain.approval;

import java.time.Instant;
import java.util.ArrayList;
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

  /**
   * Who is asked to decide now, as process flowdesk-approval asks them: everyone at once, or one
   * after the other in {@link ApprovalMode#SEQUENTIAL}; a delegation or an escalation hands a part
   * on, a vote (an abstention too) ends it; nobody once the approval is decided (its approvals,
   * rejections and abstentions reached what the mode allows, see {@link ApprovalMode#abstention()})
   * or concluded. Pages check access with this instead of asking the engine for the open task; the
   * engine still decides whether a decision can be taken.
   */
  public List<String> awaiting() {
    if (state != ApprovalState.OPEN) {
      return List.of();
    }
    final List<List<String>> rounds =
        mode.sequential() ? approvers.stream().map(List::of).toList() : List.of(approvers);
    final int tolerated = mode.rejectionsTolerated(approvers.size(), required);
    int round = 0;
    List<String> asked = new ArrayList<>(rounds.get(0));
    int approvals = 0;
    int rejections = 0;
    int abstentions = 0;
    final boolean abstentionsCountAgainst =
        mode.abstention() == ApprovalMode.Abstention.COUNTS_AGAINST;
    for (final ApprovalStep step : steps) {
      final int part = asked.indexOf(step.actor());
      if (part < 0) {
        continue;
      }
      if (!step.action().decides()) {
        asked.set(part, step.handedTo());
        continue;
      }
      asked.remove(part);
      switch (step.action()) {
        case APPROVED -> approvals++;
        case REJECTED -> rejections++;
        default -> abstentions++;
      }
      if (approvals >= mode.approvalsNeeded(required, abstentions)
          || rejections + (abstentionsCountAgainst ? abstentions : 0) > tolerated) {
        return List.of();
      }
      if (asked.isEmpty() && ++round < rounds.size()) {
        asked = new ArrayList<>(rounds.get(round));
      }
    }
    return List.copyOf(asked);
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
