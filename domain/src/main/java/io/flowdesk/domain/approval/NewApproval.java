package io.flowdesk.domain.approval;

import java.util.List;

/**
 * An approval as the process resolved it: who is asked (usernames, in order), how many approvals it
 * needs, and what it is about.
 *
 * @param recordNumber the record it belongs to (e.g. REQ0000001), or null
 */
public record NewApproval(
    long processInstanceKey,
    String recordNumber,
    String subject,
    String requester,
    String requestedFor,
    ApprovalMode mode,
    int required,
    List<String> approvers) {

  public NewApproval {
    approvers = List.copyOf(approvers);
  }
}
