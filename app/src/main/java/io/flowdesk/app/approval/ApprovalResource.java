package io.flowdesk.app.approval;

import io.flowdesk.domain.approval.Approval;
import io.flowdesk.domain.approval.ApprovalStep;
import java.time.Instant;
import java.util.List;

/**
 * An approval as the API shows it to its approver: what is asked, by whom, for which record, and
 * what happened so far.
 */
record ApprovalResource(
    long id,
    String subject,
    String recordNumber,
    String requester,
    String requestedFor,
    String mode,
    int required,
    String state,
    Instant createdAt,
    List<Step> steps) {

  /** One decision, delegation or escalation. */
  record Step(
      String actor, String action, String comment, String onBehalfOf, String handedTo, Instant at) {
    static Step of(final ApprovalStep step) {
      return new Step(
          step.actor(),
          step.action().name().toLowerCase(java.util.Locale.ROOT),
          step.comment(),
          step.onBehalfOf(),
          step.handedTo(),
          step.at());
    }
  }

  static ApprovalResource of(final Approval approval) {
    return new ApprovalResource(
        approval.id(),
        approval.subject(),
        approval.recordNumber(),
        approval.requester(),
        approval.requestedFor(),
        approval.mode().label(),
        approval.required(),
        approval.state().name().toLowerCase(java.util.Locale.ROOT),
        approval.createdAt(),
        approval.steps().stream().map(Step::of).toList());
  }
}
