package io.flowdesk.workers.incident;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobClient;
import io.flowdesk.domain.incident.IncidentChange;
import io.flowdesk.domain.incident.IncidentRecords;
import io.flowdesk.domain.incident.IncidentState;
import io.flowdesk.workers.JobInputs;
import java.time.Duration;
import java.util.Map;

/**
 * Task type {@code flowdesk:incident-cancel}, when the agent cancels the incident (reported in
 * error, a duplicate): it is CANCELED, for good.
 *
 * <p>Input: {@code incidentId}. No result variables.
 */
public class CancelIncidentWorker extends IncidentJobWorker {

  public static final String TYPE = "flowdesk:incident-cancel";

  public CancelIncidentWorker(final IncidentRecords records, final Duration retryBackoff) {
    super(records, retryBackoff);
  }

  @JobWorker(type = TYPE, autoComplete = false, fetchVariables = "incidentId")
  public void handle(final JobClient client, final ActivatedJob job) {
    run(client, job, this::cancel);
  }

  /** Sets the incident CANCELED. */
  public Map<String, Object> cancel(final JobInputs inputs) {
    records.change(
        IncidentJobs.incidentId(inputs),
        IncidentChange.of().state(IncidentState.CANCELED),
        IncidentJobs.source(inputs));
    return Map.of();
  }
}
