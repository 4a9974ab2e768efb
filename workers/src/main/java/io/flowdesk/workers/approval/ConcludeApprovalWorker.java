package io.flowdesk.workers.approval;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobClient;
import io.flowdesk.domain.approval.Approval;
import io.flowdesk.domain.approval.ApprovalState;
import io.flowdesk.domain.approval.ApprovalStep;
import io.flowdesk.domain.approval.Approvals;
import io.flowdesk.workers.JobInputs;
import io.flowdesk.workers.JobOutcomes;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Task type {@code flowdesk:approval-conclude}: ends the approval (approved when its approvals
 * reached the number required, after abstentions) and answers variable {@code approval} = {@code
 * {decision: "approved"|"rejected", mode, required, decisions: [{approver, decision:
 * "approved"|"rejected"|"abstained", comment, decidedAt, delegatedFrom}]}} from what the domain
 * recorded, which the calling process maps out.
 */
public class ConcludeApprovalWorker {

  public static final String TYPE = "flowdesk:approval-conclude";

  private final Approvals approvals;
  private final Clock clock;
  private final JobOutcomes outcomes;

  public ConcludeApprovalWorker(
      final Approvals approvals, final Clock clock, final Duration retryBackoff) {
    this.approvals = approvals;
    this.clock = clock;
    this.outcomes = new JobOutcomes(ApprovalJobs.ERROR_PREFIX, retryBackoff);
  }

  @JobWorker(type = TYPE, autoComplete = false, fetchVariables = "approvalId")
  public void handle(final JobClient client, final ActivatedJob job) {
    outcomes.handle(client, job, this::conclude);
  }

  public Map<String, Object> conclude(final JobInputs inputs) {
    final Approval approval =
        approvals.conclude(
            ApprovalJobs.approvalId(inputs), clock.instant().truncatedTo(ChronoUnit.SECONDS));
    final Map<String, Object> outcome = new LinkedHashMap<>();
    outcome.put("decision", approval.state() == ApprovalState.APPROVED ? "approved" : "rejected");
    outcome.put("mode", approval.mode().label());
    outcome.put("required", approval.required());
    outcome.put(
        "decisions", approval.decisions().stream().map(ConcludeApprovalWorker::decision).toList());
    final Map<String, Object> result = new LinkedHashMap<>();
    result.put("approval", outcome);
    return result;
  }

  private static Map<String, Object> decision(final ApprovalStep step) {
    final Map<String, Object> decision = new LinkedHashMap<>();
    decision.put("approver", step.actor());
    decision.put(
        "decision",
        switch (step.action()) {
          case APPROVED -> "approved";
          case ABSTAINED -> "abstained";
          default -> "rejected";
        });
    decision.put("comment", step.comment());
    decision.put("decidedAt", step.at().toString());
    decision.put("delegatedFrom", step.onBehalfOf());
    return decision;
  }
}
