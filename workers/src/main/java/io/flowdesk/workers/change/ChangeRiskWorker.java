package io.flowdesk.workers.change;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobClient;
import io.flowdesk.domain.change.ChangeRecords;
import io.flowdesk.domain.change.ChangeRisk;
import io.flowdesk.domain.record.Actor;
import io.flowdesk.workers.JobInputs;
import io.flowdesk.workers.JobOutcomes;
import java.time.Duration;
import java.util.Map;

/**
 * Task type {@code flowdesk:change-risk}: records on the change of {@code changeNumber} the {@code
 * risk} ({@code low}, {@code moderate}, {@code high}) that the risk decision gave, audited. No
 * result variables. Bad input is BPMN error {@code FLOWDESK_CHANGE_INVALID_INPUT}.
 */
public class ChangeRiskWorker {

  public static final String TYPE = "flowdesk:change-risk";

  private final ChangeRecords records;
  private final JobOutcomes outcomes;

  public ChangeRiskWorker(final ChangeRecords records, final Duration retryBackoff) {
    this.records = records;
    this.outcomes = new JobOutcomes("change", retryBackoff);
  }

  @JobWorker(
      type = TYPE,
      autoComplete = false,
      fetchVariables = {ChangeJobs.NUMBER, "risk"})
  public void handle(final JobClient client, final ActivatedJob job) {
    outcomes.handle(client, job, this::record);
  }

  public Map<String, Object> record(final JobInputs inputs) {
    final ChangeRisk risk = ChangeJobs.coded(inputs, "risk", ChangeRisk::of, "low, moderate, high");
    records.assessRisk(ChangeJobs.change(records, inputs).id(), risk, Actor.job(inputs.jobKey()));
    return Map.of();
  }
}
