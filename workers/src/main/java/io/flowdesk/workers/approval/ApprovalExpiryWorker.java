package io.flowdesk.workers.approval;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobClient;
import io.flowdesk.domain.approval.Approvals;
import io.flowdesk.domain.directory.Directory;
import io.flowdesk.domain.directory.Person;
import io.flowdesk.workers.JobInputs;
import io.flowdesk.workers.JobOutcomes;
import io.flowdesk.workers.UnresolvableJobException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Task type {@code flowdesk:approval-expire}: an approver did not decide within {@code
 * expireAfter}. With {@code onExpiry = reject} (or when the approval was escalated once already) it
 * records a rejection in the approver's name and answers {@code decision = "reject"}; with {@code
 * escalate} it hands the task to the approver's manager (variable {@code approver}, with {@code
 * escalatedFrom}). A manager who is missing, cannot sign in or is the requester is an incident
 * naming them. Recorded once per job, so a retry changes nothing twice.
 */
public class ApprovalExpiryWorker {

  public static final String TYPE = "flowdesk:approval-expire";

  private final Approvals approvals;
  private final ApproverDirectory directory;
  private final Clock clock;
  private final JobOutcomes outcomes;

  public ApprovalExpiryWorker(
      final Approvals approvals,
      final Directory directory,
      final Clock clock,
      final Duration retryBackoff) {
    this.approvals = approvals;
    this.directory = new ApproverDirectory(directory);
    this.clock = clock;
    this.outcomes = new JobOutcomes(ApprovalJobs.ERROR_PREFIX, retryBackoff);
  }

  @JobWorker(
      type = TYPE,
      autoComplete = false,
      fetchVariables = {
        "approvalId",
        "approver",
        "onExpiry",
        "expiryTimer",
        "requester",
        "requestedFor"
      })
  public void handle(final JobClient client, final ActivatedJob job) {
    outcomes.handle(client, job, this::expire);
  }

  public Map<String, Object> expire(final JobInputs inputs) {
    final long approvalId = ApprovalJobs.approvalId(inputs);
    final Map<String, Object> approver = ApprovalJobs.approver(inputs);
    final String username = (String) approver.get("username");
    final Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    final String waited = inputs.optionalText("expiryTimer").orElse("the time allowed");
    final boolean escalate =
        "escalate".equals(inputs.optionalText("onExpiry").orElse("reject"))
            && approver.get("escalatedFrom") == null;
    final Map<String, Object> result = new LinkedHashMap<>();
    if (!escalate) {
      final String comment = "No decision within " + waited + ".";
      approvals.decide(
          approvalId,
          inputs.jobKey(),
          username,
          false,
          comment,
          (String) approver.get("delegatedFrom"),
          now);
      result.put("decision", "reject");
      result.put("comment", comment);
      result.put("decidedBy", username);
      result.put("decidedAt", now.toString());
      return result;
    }
    final Person manager = directory.managerOf(username, "escalating approval " + approvalId);
    final String requester = inputs.optionalText("requester").orElse(null);
    final String requestedFor = inputs.optionalText("requestedFor").orElse(null);
    if (manager.username().equals(requester) || manager.username().equals(requestedFor)) {
      throw new UnresolvableJobException(
          "escalating approval "
              + approvalId
              + ": manager '"
              + manager.username()
              + "' of '"
              + username
              + "' may not approve their own request (separation of duties)");
    }
    approvals.escalate(
        approvalId,
        inputs.jobKey(),
        username,
        manager.username(),
        "No decision within " + waited + ".",
        now);
    result.put("approver", ApproverCard.of(manager, null, username));
    return result;
  }
}
