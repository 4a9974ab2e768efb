package io.flowdesk.workers.incident;

import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobClient;
import io.flowdesk.domain.incident.Incident;
import io.flowdesk.domain.incident.IncidentRecords;
import io.flowdesk.domain.servicelevel.BusinessCalendar;
import io.flowdesk.domain.servicelevel.ServiceLevel;
import io.flowdesk.domain.servicelevel.ServiceLevels;
import io.flowdesk.workers.ConnectorJob;
import io.flowdesk.workers.JobOutcomes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * What the incident life-cycle workers share: the records they change, the time they judge SLAs by
 * (the clock and the schedule of the incident's service level), and how a job ends (completed with
 * its result, retried after a back-off, or a BPMN error {@code FLOWDESK_INCIDENT_...} for bad
 * input).
 */
abstract class IncidentJobWorker {

  protected final IncidentRecords records;
  protected final Clock clock;
  private final ServiceLevels levels;
  private final JobOutcomes outcomes;

  /** For workers that judge no SLA: closing and canceling, whose changes the record stamps. */
  IncidentJobWorker(final IncidentRecords records, final Duration retryBackoff) {
    this(records, null, Clock.systemUTC(), retryBackoff);
  }

  IncidentJobWorker(
      final IncidentRecords records,
      final ServiceLevels levels,
      final Clock clock,
      final Duration retryBackoff) {
    this.records = records;
    this.levels = levels;
    this.clock = clock;
    this.outcomes = new JobOutcomes(IncidentJobs.ERROR_PREFIX, retryBackoff);
  }

  /**
   * The resolution time left when the SLA clock pauses (on hold, or resolved and waiting for the
   * caller), in working time of the incident's schedule; negative when already overdue.
   */
  protected final Duration resolutionRemaining(final Incident incident) {
    return calendarOf(incident)
        .between(clock.instant(), IncidentJobs.resolutionDue(incident))
        .truncatedTo(ChronoUnit.SECONDS);
  }

  /**
   * The new resolution target when the paused clock of {@code incident} runs again with {@code
   * remaining} working time left. An overdue clock (negative remaining) stays overdue by as much
   * calendar time, as no working time is left to count over; its timer fires at once.
   */
  protected final Instant resolutionDueFromNow(final Incident incident, final Duration remaining) {
    final Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    return remaining.isNegative() ? now.plus(remaining) : calendarOf(incident).plus(now, remaining);
  }

  /**
   * When the resumed resolution clock of {@code incident}, with {@code remaining} working time left
   * until {@code due}, passes the warning threshold of its service level. A clock already past it
   * (warned before it paused) answers {@code due}: the warning then comes with the breach, which
   * {@link SlaWarningWorker} leaves to the breach notice.
   */
  protected final Instant resolutionWarningFromNow(
      final Incident incident, final Duration remaining, final Instant due) {
    if (incident.priority() == null) {
      return due;
    }
    final ServiceLevel level = levels.of(incident.priority());
    final Duration afterWarning = level.resolution().minus(level.warningAfter(level.resolution()));
    final Duration untilWarning = remaining.minus(afterWarning);
    if (untilWarning.isNegative() || untilWarning.isZero()) {
      return due;
    }
    return level.calendar().plus(clock.instant().truncatedTo(ChronoUnit.SECONDS), untilWarning);
  }

  /** The schedule of the incident's service level; around the clock before it has a priority. */
  private BusinessCalendar calendarOf(final Incident incident) {
    return incident.priority() == null
        ? BusinessCalendar.AROUND_THE_CLOCK
        : levels.of(incident.priority()).calendar();
  }

  /** Runs the job's work and ends the job accordingly. */
  protected final void run(
      final JobClient client, final ActivatedJob job, final ConnectorJob work) {
    outcomes.handle(client, job, work);
  }
}
