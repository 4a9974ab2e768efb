package io.flowdesk.domain.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowdesk.domain.TestDatabase;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ApprovalsTest {

  static Approvals approvals;
  static final AtomicLong KEYS = new AtomicLong(1000);
  static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");

  @BeforeAll
  static void database() {
    approvals = new Approvals(TestDatabase.migrated());
  }

  Approval open(final String recordNumber, final ApprovalMode mode, final String... approvers) {
    final List<String> asked = List.of(approvers);
    return approvals.open(
        new NewApproval(
            KEYS.incrementAndGet(),
            recordNumber,
            "New laptop for alice",
            "alice",
            "alice",
            mode,
            mode.required(asked.size(), 2),
            asked));
  }

  @Test
  void anApprovalIsOpenedOncePerProcessInstance() {
    final Approval first = open("REQ0000001", ApprovalMode.ALL, "maria", "bob");
    final Approval again =
        approvals.open(
            new NewApproval(
                first.processInstanceKey(),
                "REQ0000001",
                "New laptop for alice",
                "alice",
                "alice",
                ApprovalMode.ALL,
                2,
                List.of("maria", "bob")));

    assertThat(again.id()).isEqualTo(first.id());
    assertThat(first.state()).isEqualTo(ApprovalState.OPEN);
    assertThat(first.approvers()).containsExactly("maria", "bob");
    assertThat(first.required()).isEqualTo(2);
  }

  @Test
  void decisionsAreListedForTheRecordAndConcludeTheApproval() {
    final Approval approval = open("REQ0000002", ApprovalMode.QUORUM, "maria", "bob", "carl");
    approvals.decide(approval.id(), 11, "maria", true, null, null, NOW);
    approvals.delegate(approval.id(), 12, "bob", "dora", "on leave", NOW);
    approvals.decide(approval.id(), 13, "dora", true, "fine", "bob", NOW);
    // The same task posted twice counts once.
    approvals.decide(approval.id(), 13, "dora", true, "fine", "bob", NOW);

    final Approval concluded = approvals.conclude(approval.id(), NOW);

    assertThat(concluded.state()).isEqualTo(ApprovalState.APPROVED);
    assertThat(concluded.decidedAt()).isEqualTo(NOW);
    assertThat(concluded.decisions())
        .containsExactly(
            new ApprovalStep("maria", ApprovalAction.APPROVED, null, null, null, NOW),
            new ApprovalStep("dora", ApprovalAction.APPROVED, "fine", "bob", null, NOW));
    assertThat(approvals.forRecord("REQ0000002"))
        .singleElement()
        .satisfies(a -> assertThat(a.steps()).hasSize(3));
    assertThatThrownBy(() -> approvals.decide(approval.id(), 14, "carl", false, "no", null, NOW))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already approved");
  }

  @Test
  void tooFewApprovalsReject() {
    final Approval approval = open("REQ0000003", ApprovalMode.ALL, "maria", "bob");
    approvals.decide(approval.id(), 21, "maria", true, null, null, NOW);
    approvals.decide(approval.id(), 22, "bob", false, "Too expensive", null, NOW);

    assertThat(approvals.conclude(approval.id(), NOW).state()).isEqualTo(ApprovalState.REJECTED);
  }

  @Test
  void aRejectionWithoutCommentIsRefusedAndNothingRecorded() {
    final Approval approval = open("REQ0000004", ApprovalMode.ANY, "maria");

    assertThatThrownBy(() -> approvals.decide(approval.id(), 31, "maria", false, "  ", null, NOW))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a rejection needs a comment saying why");
    assertThatThrownBy(() -> approvals.delegate(approval.id(), 32, "maria", "bob", null, NOW))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a delegation needs a reason");
    assertThat(approvals.find(approval.id()).orElseThrow().steps()).isEmpty();
  }

  @Test
  void anAbstentionNeedsACommentAndCountsForNeitherSideInAQuorum() {
    final Approval approval = open("REQ0000005", ApprovalMode.QUORUM, "maria", "bob", "carl");

    assertThatThrownBy(
            () ->
                approvals.decide(
                    approval.id(), 41, "maria", ApprovalAction.ABSTAINED, " ", null, NOW))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("an abstention needs a comment saying why");
    approvals.decide(approval.id(), 42, "maria", ApprovalAction.ABSTAINED, "I built it", null, NOW);
    approvals.decide(approval.id(), 43, "bob", true, null, null, NOW);
    approvals.decide(approval.id(), 44, "carl", true, null, null, NOW);

    final Approval concluded = approvals.conclude(approval.id(), NOW);
    assertThat(concluded.state()).isEqualTo(ApprovalState.APPROVED);
    assertThat(concluded.decisions())
        .extracting(ApprovalStep::action)
        .containsExactly(
            ApprovalAction.ABSTAINED, ApprovalAction.APPROVED, ApprovalAction.APPROVED);
  }

  @Test
  void aQuorumOutOfReachAfterAnAbstentionRejects() {
    final Approval approval = open("REQ0000006", ApprovalMode.QUORUM, "maria", "bob", "carl");
    approvals.decide(approval.id(), 51, "maria", ApprovalAction.ABSTAINED, "Away", null, NOW);
    approvals.decide(approval.id(), 52, "bob", true, null, null, NOW);

    assertThat(approvals.conclude(approval.id(), NOW).state()).isEqualTo(ApprovalState.REJECTED);
  }

  @Test
  void inAllModeAnAbstentionDoesNotBlockButSomebodyMustApprove() {
    final Approval approval = open("REQ0000007", ApprovalMode.ALL, "maria", "bob");
    approvals.decide(approval.id(), 61, "maria", ApprovalAction.ABSTAINED, "Conflict", null, NOW);
    approvals.decide(approval.id(), 62, "bob", true, null, null, NOW);
    assertThat(approvals.conclude(approval.id(), NOW).state()).isEqualTo(ApprovalState.APPROVED);

    final Approval nobody = open("REQ0000008", ApprovalMode.ALL, "maria", "bob");
    approvals.decide(nobody.id(), 63, "maria", ApprovalAction.ABSTAINED, "Conflict", null, NOW);
    approvals.decide(nobody.id(), 64, "bob", ApprovalAction.ABSTAINED, "Conflict", null, NOW);
    assertThat(approvals.conclude(nobody.id(), NOW).state()).isEqualTo(ApprovalState.REJECTED);
    assertThat(ApprovalMode.ALL.approvalsNeeded(2, 2)).isEqualTo(1);
    assertThat(ApprovalMode.QUORUM.approvalsNeeded(2, 1)).isEqualTo(2);
  }

  @Test
  void modesNameTheirNumbersAndRefuseAnUnreachableQuorum() {
    assertThat(ApprovalMode.of(null)).isEqualTo(ApprovalMode.ANY);
    assertThat(ApprovalMode.ANY.rejectionsTolerated(3, 1)).isEqualTo(2);
    assertThat(ApprovalMode.FIRST.rejectionsTolerated(3, 1)).isZero();
    assertThat(ApprovalMode.ALL.required(3, null)).isEqualTo(3);
    assertThatThrownBy(() -> ApprovalMode.QUORUM.required(2, 3))
        .hasMessageContaining("quorum 3 cannot be reached");
    assertThatThrownBy(() -> ApprovalMode.of("majority"))
        .hasMessage("mode 'majority' is not one of any, all, sequential, quorum, first");
  }
}
