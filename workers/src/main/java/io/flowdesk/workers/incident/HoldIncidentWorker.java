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
 * Task type {@code flowdesk:incident-hold}: puts the incident ON_HOLD with the agent's reason. The
 * resolution SLA pauses: the time left until {@code resolutionDue} (negative when already overdue)
 * is kept for {@link ResumeIncidentWorker}.
 *
 * <p>Inputs: {@code incidentId}, {@code onHoldReason}. Result: {@code resolutionRemaining}
 * (ISO-8601 duration).
 */
public class HoldIncidentWorker extends IncidentJobWorker {

  public static final String TYPE = "flowdesk:incident-hold";

  public HoldIncidentWorker(
      final IncidentRecords records,
      final ServiceLevels levels,
      final Clock clock,
      final Duration retryBackoff) {
    super(records, levels, clock, retryBackoff);
  }

  @JobWorker(
      type = TYPE,
      autoComplete = false,
      fetchVariables = {"incidentId", "onHoldReason"})
  public void handle(final JobClient client, final ActivatedJob job) {
    run(client, job, this::hold);
  }

  /** Puts the incident on hold and answers the resolution time left. */
  public Map<String, Object> hold(final JobInputs inputs) {
    final Incident incident =
        records.change(
            IncidentJobs.incidentId(inputs),
            IncidentChange.of()
                .state(IncidentState.ON_HOLD)
                .onHoldReason(inputs.text("onHoldReason")),
            IncidentJobs.source(inputs));
    final Duration remaining = resolutionRemaining(incident);
    return Map.of("resolutionRemaining", remaining.toString());
  }
}
