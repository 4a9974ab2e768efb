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
