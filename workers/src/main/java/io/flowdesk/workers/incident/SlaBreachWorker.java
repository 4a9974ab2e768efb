package io.flowdesk.workers.incident;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobClient;
import io.flowdesk.domain.incident.Incident;
import io.flowdesk.domain.incident.IncidentChange;
import io.flowdesk.domain.incident.IncidentRecords;
import io.flowdesk.workers.InvalidJobInputException;
import io.flowdesk.workers.JobInputs;
import io.flowdesk.workers.JobOutcomes;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Task type {@code flowdesk:incident-sla-breach}, run when an SLA timer of the "Resolve incident"
 * task fires: flags the incident's response or resolution SLA (task header {@code sla}: {@code
 * response} or {@code resolution}) as breached. The response SLA counts as met when someone
 * responded by {@code responseDue}, however late the timer fires (it fires again, at once, each
 * time the task comes back after its target).
 *
 * <p>Input: {@code incidentId}. Result: {@code notifyManager}, true only for the job that flagged
 * the breach, so the group manager hears of each breach once, also when the job is retried.
 */
public class SlaBreachWorker {

  public static final String TYPE = "flowdesk:incident-sla-breach";

  private final IncidentRecords records;
  private final JobOutcomes outcomes;

  public SlaBreachWorker(final IncidentRecords records, final Duration retryBackoff) {
    this.records = records;
    this.outcomes = new JobOutcomes(IncidentJobs.ERROR_PREFIX, retryBackoff);
  }

  @JobWorker(type = TYPE, autoComplete = false, fetchVariables = "incidentId")
  public void handle(final JobClient client, final ActivatedJob job) {
    outcomes.handle(client, job, this::recordBreach);
  }

  /** Flags the breach unless the SLA was met; answers whether this job flagged it. */
  public Map<String, Object> recordBreach(final JobInputs inputs) {
    final String sla =
        inputs
            .header("sla")
            .orElseThrow(
                () ->
                    new InvalidJobInputException(
                        "task header 'sla' is missing: response or resolution"));
    final long incidentId = IncidentJobs.incidentId(inputs);
    final IncidentChange breach;
    final String field;
    switch (sla) {
      case "response" -> {
        if (respondedInTime(IncidentJobs.incident(records, incidentId))) {
          return Map.of("notifyManager", false);
        }
        breach = IncidentChange.of().responseBreached(true);
        field = IncidentChange.Field.RESPONSE_BREACHED.auditName();
      }
      case "resolution" -> {
        breach = IncidentChange.of().resolutionBreached(true);
        field = IncidentChange.Field.RESOLUTION_BREACHED.auditName();
      }
      default ->
          throw new InvalidJobInputException(
              "task header 'sla' must be response or resolution, was " + sla);
    }
    records.change(incidentId, breach, IncidentJobs.source(inputs));
    // The audit trail says whether this job (maybe in an earlier attempt) flagged it.
    final boolean flaggedByThisJob =
        records.auditTrail(incidentId).stream()
            .anyMatch(e -> Objects.equals(e.jobKey(), inputs.jobKey()) && field.equals(e.field()));
    return Map.of("notifyManager", flaggedByThisJob);
  }

  private static boolean respondedInTime(final Incident incident) {
    return incident.respondedAt() != null
        && incident.responseDue() != null
        && !incident.respondedAt().isAfter(incident.responseDue());
  }
}
