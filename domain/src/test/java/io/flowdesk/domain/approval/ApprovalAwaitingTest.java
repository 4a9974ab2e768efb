package io.flowdesk.domain.approval;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Who an approval asks to decide now, as process flowdesk-approval asks them. */
class ApprovalAwaitingTest {

  private static final Instant AT = Instant.parse("2026-01-05T09:00:00Z");

  @Test
  void everyoneIsAskedAtOnceAndTheFirstApprovalOfAnyDecides() {
    final Approval any = approval(ApprovalMode.ANY, 1, "ann", "ben");
    assertThat(any.awaiting()).containsExactly("ann", "ben");
    assertThat(with(any, decided("ben", true)).awaiting()).isEmpty();
    assertThat(with(any, decided("ben", false)).awaiting()).containsExactly("ann");
  }

  @Test
  void aDelegationOrEscalationHandsThePartOnAndItsDecisionEndsIt() {
    final Approval all = approval(ApprovalMode.ALL, 2, "ann", "ben");
    final Approval handedOn =
        with(all, handed("ann", ApprovalAction.DELEGATED, "cat"), decided("ben", true));
    assertThat(handedOn.awaiting()).containsExactly("cat");
    assertThat(with(all, handed("ben", ApprovalAction.ESCALATED, "max")).awaiting())
        .containsExactly("ann", "max");
    assertThat(with(handedOn, decided("cat", true)).awaiting()).isEmpty();
  }

  @Test
  void inSequenceOnlyTheNextApproverIsAsked() {
    final Approval sequential = approval(ApprovalMode.SEQUENTIAL, 3, "ann", "ben", "cat");
    assertThat(sequential.awaiting()).containsExactly("ann");
    assertThat(with(sequential, decided("ann", true)).awaiting()).containsExactly("ben");
    assertThat(with(sequential, decided("ann", true), decided("ben", false)).awaiting()).isEmpty();
  }

  @Test
  void aQuorumStopsAskingOnceItCanNoLongerBeReached() {
    final Approval quorum = approval(ApprovalMode.QUORUM, 2, "ann", "ben", "cat");
    assertThat(with(quorum, decided("ann", false)).awaiting()).containsExactly("ben", "cat");
    assertThat(with(quorum, decided("ann", false), decided("cat", false)).awaiting()).isEmpty();
  }

  @Test
  void aConcludedApprovalAsksNobody() {
    final Approval open = approval(ApprovalMode.ANY, 1, "ann");
    final Approval concluded =
        new Approval(
            open.id(),
            open.processInstanceKey(),
            open.recordNumber(),
            open.subject(),
            open.requester(),
            open.requestedFor(),
            open.mode(),
            open.required(),
            open.approvers(),
            ApprovalState.REJECTED,
            open.createdAt(),
            AT,
            open.steps());
    assertThat(concluded.awaiting()).isEmpty();
  }

  private static Approval approval(
      final ApprovalMode mode, final int required, final String... approvers) {
    return new Approval(
        1,
        2,
        "REQ0000001",
        "New laptop",
        "alice",
        "alice",
        mode,
        required,
        List.of(approvers),
        ApprovalState.OPEN,
        AT,
        null,
        List.of());
  }

  private static Approval with(final Approval approval, final ApprovalStep... steps) {
    final List<ApprovalStep> all = new ArrayList<>(approval.steps());
    all.addAll(List.of(steps));
    return new Approval(
        approval.id(),
        approval.processInstanceKey(),
        approval.recordNumber(),
        approval.subject(),
        approval.requester(),
        approval.requestedFor(),
        approval.mode(),
        approval.required(),
        approval.approvers(),
        approval.state(),
        approval.createdAt(),
        approval.decidedAt(),
        all);
  }

  private static ApprovalStep decided(final String actor, final boolean approve) {
    return new ApprovalStep(
        actor,
        approve ? ApprovalAction.APPROVED : ApprovalAction.REJECTED,
        approve ? null : "No",
        null,
        null,
        AT);
  }

  private static ApprovalStep handed(
      final String actor, final ApprovalAction action, final String to) {
    return new ApprovalStep(actor, action, "Away", null, to, AT);
  }
}
