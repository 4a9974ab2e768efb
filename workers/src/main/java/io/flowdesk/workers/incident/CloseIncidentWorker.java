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
 * Task type {@code flowdesk:incident-close}, when the caller confirmed the resolution or did not
 * answer within 3 days: the incident is CLOSED, for good.
 *
 * <p>Input: {@code incidentId}. No result variables.
 */
public class CloseIncidentWorker extends IncidentJobWorker {

  public static final String TYPE = "flowdesk:incident-close";

  public CloseIncidentWorker(final IncidentRecords records, final Duration retryBackoff) {
    super(records, retryBackoff);
  }

  @JobWorker(type = TYPE, autoComplete = false, fetchVariables = "incidentId")
  public void handle(final JobClient client, final ActivatedJob job) {
    run(client, job, this::close);
  }

  /** Sets the incident CLOSED. */
  public Map<String, Object> close(final JobInputs inputs) {
    records.change(
        IncidentJobs.incidentId(inputs),
        IncidentChange.of().state(IncidentState.CLOSED),
        IncidentJobs.source(inputs));
    return Map.of();
  }
}
