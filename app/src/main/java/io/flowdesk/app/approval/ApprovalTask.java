package io.flowdesk.app.approval;

import io.camunda.client.api.search.response.UserTask;
import io.flowdesk.domain.approval.Approval;

/** An approval and the open user task in which the signed-in approver decides it. */
public record ApprovalTask(Approval approval, UserTask task) {

  /** The process every approval task belongs to (processes/approval/flowdesk-approval.bpmn). */
  public static final String PROCESS_ID = "flowdesk-approval";

  /** Whether a user task is an approver's decision (and must go through {@link ApprovalDesk}). */
  public static boolean isApproval(final UserTask task) {
    return PROCESS_ID.equals(task.getBpmnProcessId());
  }
}
