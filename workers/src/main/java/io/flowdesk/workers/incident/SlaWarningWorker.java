package io.flowdesk.workers.incident;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobClient;
import io.flowdesk.domain.directory.Directory;
import io.flowdesk.domain.directory.Person;
import io.flowdesk.domain.incident.Incident;
import io.flowdesk.domain.incident.IncidentRecords;
import io.flowdesk.workers.JobInputs;
import io.flowdesk.workers.JobOutcomes;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Task type {@code flowdesk:incident-sla-warning}, run when the resolution clock of the "Resolve
 * incident" task passes its service level's warning threshold ({@code resolutionWarning}): answers
 * whom to warn while there is still time to act. That is the incident's assignee, or while nobody
 * took it the lead manager of its assignment group; nobody when the target has already passed (the
 * breach notice says so) or neither is known and enabled.
 *
 * <p>Input: {@code incidentId}. Result: {@code warnPerson} (username or null).
 */
public class SlaWarningWorker {

  public static final String TYPE = "flowdesk:incident-sla-warning";

  private final IncidentRecords records;
  private final Directory directory;
  private final Clock clock;
  private final JobOutcomes outcomes;

  public SlaWarningWorker(
      final IncidentRecords records,
      final Directory directory,
      final Clock clock,
      final Duration retryBackoff) {
    this.records = records;
    this.directory = directory;
    this.clock = clock;
    this.outcomes = new JobOutcomes(IncidentJobs.ERROR_PREFIX, retryBackoff);
  }

  @JobWorker(type = TYPE, autoComplete = false, fetchVariables = "incidentId")
  public void handle(final JobClient client, final ActivatedJob job) {
    outcomes.handle(client, job, this::whomToWarn);
  }

  /** Whom the process warns of the resolution SLA at risk. */
  public Map<String, Object> whomToWarn(final JobInputs inputs) {
    final Incident incident = IncidentJobs.incident(records, IncidentJobs.incidentId(inputs));
    final Map<String, Object> result = new HashMap<>();
    result.put("warnPerson", stillInTime(incident) ? responsible(incident) : null);
    return result;
  }

  private boolean stillInTime(final Incident incident) {
    return !incident.resolutionBreached()
        && clock.instant().isBefore(IncidentJobs.resolutionDue(incident));
  }

  private String responsible(final Incident incident) {
    if (incident.assignee() != null) {
      return directory
          .person(incident.assignee())
          .filter(Person::enabled)
          .map(Person::username)
          .orElse(null);
    }
    return IncidentJobs.groupManager(directory, incident.assignmentGroup());
  }
}
