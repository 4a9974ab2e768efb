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
 * Task type {@code flowdesk:incident-reopen}, when the caller reopens a resolved incident: it goes
 * back IN_PROGRESS, its resolution code and notes are cleared (the audit trail keeps them) and the
 * resolution SLA runs on with the time that was left: {@code resolutionDue} = now + {@code
 * resolutionRemaining} in working time of the incident's schedule.
 *
 * <p>Inputs: {@code incidentId}, {@code resolutionRemaining}. Result: {@code resolutionDue} and
 * {@code resolutionWarning} (ISO-8601).
 */
public class ReopenIncidentWorker extends IncidentJobWorker {

  public static final String TYPE = "flowdesk:incident-reopen";

  public ReopenIncidentWorker(
      final IncidentRecords records,
      final ServiceLevels levels,
      final Clock clock,
      final Duration retryBackoff) {
    super(records, levels, clock, retryBackoff);
  }

  @JobWorker(
      type = TYPE,
      autoComplete = false,
      fetchVariables = {"incidentId", "resolutionRemaining"})
  public void handle(final JobClient client, final ActivatedJob job) {
    run(client, job, this::reopen);
  }

  /** Reopens the incident and answers its new resolution target. */
  public Map<String, Object> reopen(final JobInputs inputs) {
    final Duration remaining = IncidentJobs.duration(inputs, "resolutionRemaining");
    final long incidentId = IncidentJobs.incidentId(inputs);
    final Incident paused = IncidentJobs.incident(records, incidentId);
    final Incident incident =
        records.change(
            incidentId,
            IncidentChange.of()
                .state(IncidentState.IN_PROGRESS)
                .resolutionCode(null)
                .resolutionNotes(null)
                .resolutionDue(resolutionDueFromNow(paused, remaining)),
            IncidentJobs.source(inputs));
    return Map.of(
        "resolutionDue",
        IncidentJobs.iso(incident.resolutionDue()),
        "resolutionWarning",
        IncidentJobs.iso(resolutionWarningFromNow(incident, remaining, incident.resolutionDue())));
  }
}
