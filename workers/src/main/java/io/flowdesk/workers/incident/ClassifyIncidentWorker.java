package io.flowdesk.workers.incident;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobClient;
import io.flowdesk.domain.directory.Directory;
import io.flowdesk.domain.incident.Incident;
import io.flowdesk.domain.incident.IncidentChange;
import io.flowdesk.domain.incident.IncidentRecords;
import io.flowdesk.domain.incident.Priority;
import io.flowdesk.domain.servicelevel.ServiceLevel;
import io.flowdesk.domain.servicelevel.ServiceLevels;
import io.flowdesk.workers.InvalidJobInputException;
import io.flowdesk.workers.JobInputs;
import io.flowdesk.workers.JobOutcomes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Task type {@code flowdesk:incident-classify}: records the priority and assignment group the
 * decisions chose, the SLA targets of that priority ({@link ServiceLevel}s as the admin set them,
 * counted from now in working time of the level's schedule) and the process instance on the
 * incident.
 *
 * <p>Inputs: {@code incidentId}, {@code priority} ("P1".."P5"), {@code assignmentGroup}. Result:
 * {@code responseDue}, {@code resolutionDue}, {@code resolutionWarning} (when the resolution clock
 * passes the level's warning threshold; ISO-8601), {@code taskPriority} (0..100) and {@code
 * groupManager} (the lead manager's username, whom {@code flowdesk:notify} tells of SLA breaches on
 * the channels they chose; null when the group or its manager is unknown or disabled). A retried
 * job changes nothing and answers the targets the first attempt recorded.
 */
public class ClassifyIncidentWorker {

  public static final String TYPE = "flowdesk:incident-classify";

  private final IncidentRecords records;
  private final Directory directory;
  private final ServiceLevels levels;
  private final Clock clock;
  private final JobOutcomes outcomes;

  public ClassifyIncidentWorker(
      final IncidentRecords records,
      final Directory directory,
      final ServiceLevels levels,
      final Clock clock,
      final Duration retryBackoff) {
    this.records = records;
    this.directory = directory;
    this.levels = levels;
    this.clock = clock;
    this.outcomes = new JobOutcomes(IncidentJobs.ERROR_PREFIX, retryBackoff);
  }

  @JobWorker(
      type = TYPE,
      autoComplete = false,
      fetchVariables = {"incidentId", "priority", "assignmentGroup"})
  public void handle(final JobClient client, final ActivatedJob job) {
    outcomes.handle(client, job, this::classify);
  }

  /** Records the classification and answers the variables the process goes on with. */
  public Map<String, Object> classify(final JobInputs inputs) {
    final long incidentId = IncidentJobs.incidentId(inputs);
    final Priority priority = priority(inputs.text("priority"));
    final String group = inputs.text("assignmentGroup");
    final ServiceLevel level = levels.of(priority);
    final Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);

    final Incident incident =
        records.change(
            incidentId,
            IncidentChange.of()
                .priority(priority)
                .assignmentGroup(group)
                .responseDue(level.calendar().plus(now, level.response()))
                .resolutionDue(level.calendar().plus(now, level.resolution()))
                .processInstanceKey(inputs.processInstanceKey()),
            IncidentJobs.source(inputs));

    final Map<String, Object> result = new LinkedHashMap<>();
    result.put("responseDue", IncidentJobs.iso(incident.responseDue()));
    result.put("resolutionDue", IncidentJobs.iso(incident.resolutionDue()));
    result.put(
        "resolutionWarning",
        IncidentJobs.iso(level.calendar().plus(now, level.warningAfter(level.resolution()))));
    result.put("taskPriority", levels.of(incident.priority()).taskPriority());
    result.put("groupManager", IncidentJobs.groupManager(directory, incident.assignmentGroup()));
    return result;
  }

  private static Priority priority(final String text) {
    try {
      return Priority.valueOf(text);
    } catch (IllegalArgumentException e) {
      throw new InvalidJobInputException(
          "input 'priority' must be one of "
              + Arrays.toString(Priority.values())
              + ", was "
              + text
              + " (does the priority decision cover this impact and urgency?)");
    }
  }
}
