package io.flowdesk.workers.incident;

import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobClient;
import io.flowdesk.domain.incident.Incident;
import io.flowdesk.domain.incident.IncidentRecords;
import io.flowdesk.workers.ConnectorJob;
import io.flowdesk.workers.JobOutcomes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * What the incident life-cycle workers share: the records they change, the time they judge SLAs by,
 * and how a job ends (completed with its result, retried after a back-off, or a BPMN error {@code
 * FLOWDESK_INCIDENT_...} for bad input).
 */
abstract class IncidentJobWorker {

  protected final IncidentRecords records;
  protected final Clock clock;
  private final JobOutcomes outcomes;

  IncidentJobWorker(final IncidentRecords records, final Clock clock, final Duration retryBackoff) {
    this.records = records;
    this.clock = clock;
    this.outcomes = new JobOutcomes(IncidentJobs.ERROR_PREFIX, retryBackoff);
  }

  /**
   * The resolution time left when the SLA clock pauses (on hold, or resolved and waiting for the
   * caller); negative when already overdue.
   */
  protected final Duration resolutionRemaining(final Incident incident) {
    return Duration.between(clock.instant(), IncidentJobs.resolutionDue(incident))
        .truncatedTo(ChronoUnit.SECONDS);
  }

  /** The new resolution target when the paused clock runs again with {@code remaining} left. */
  protected final Instant resolutionDueFromNow(final Duration remaining) {
    return clock.instant().truncatedTo(ChronoUnit.SECONDS).plus(remaining);
  }

  /** Runs the job's work and ends the job accordingly. */
  protected final void run(
      final JobClient client, final ActivatedJob job, final ConnectorJob work) {
    outcomes.handle(client, job, work);
  }
}
