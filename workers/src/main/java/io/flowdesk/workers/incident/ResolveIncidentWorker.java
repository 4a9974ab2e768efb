package io.flowdesk.workers.incident;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobClient;
import io.flowdesk.domain.incident.Incident;
import io.flowdesk.domain.incident.IncidentChange;
import io.flowdesk.domain.incident.IncidentRecords;
import io.flowdesk.domain.incident.IncidentState;
import io.flowdesk.domain.servicelevel.ServiceLevels;
import io.flowdesk.workers.JobInputs;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * Task type {@code flowdesk:incident-resolve}: records the incident RESOLVED with the agent's
 * resolution code and notes. While the caller decides, the resolution SLA pauses as on hold: the
 * time left is kept for {@link ReopenIncidentWorker}.
 *
 * <p>Inputs: {@code incidentId}, {@code resolutionCode}, {@code resolutionNotes}. Result: {@code
 * resolutionRemaining} (ISO-8601 duration).
 */
public class ResolveIncidentWorker extends IncidentJobWorker {

  public static final String TYPE = "flowdesk:incident-resolve";

  public ResolveIncidentWorker(
      final IncidentRecords records,
      final ServiceLevels levels,
      final Clock clock,
      final Duration retryBackoff) {
    super(records, levels, clock, retryBackoff);
  }

  @JobWorker(
      type = TYPE,
      autoComplete = false,
      fetchVariables = {"incidentId", "resolutionCode", "resolutionNotes"})
  public void handle(final JobClient client, final ActivatedJob job) {
    run(client, job, this::resolve);
  }

  /** Records the resolution and answers the resolution time left. */
  public Map<String, Object> resolve(final JobInputs inputs) {
    final Incident incident =
        records.change(
            IncidentJobs.incidentId(inputs),
            IncidentChange.of()
                .state(IncidentState.RESOLVED)
                .resolutionCode(inputs.text("resolutionCode"))
                .resolutionNotes(inputs.text("resolutionNotes")),
            IncidentJobs.source(inputs));
    final Duration remaining = resolutionRemaining(incident);
    return Map.of("resolutionRemaining", remaining.toString());
  }
}
