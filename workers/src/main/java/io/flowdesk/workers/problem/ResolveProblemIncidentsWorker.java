package io.flowdesk.workers.problem;

import io.camunda.client.CamundaClient;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.response.UserTask;
import io.camunda.client.api.worker.JobClient;
import io.flowdesk.domain.incident.Incident;
import io.flowdesk.domain.incident.IncidentRecords;
import io.flowdesk.domain.incident.IncidentState;
import io.flowdesk.domain.problem.Problem;
import io.flowdesk.domain.problem.ProblemRecords;
import io.flowdesk.domain.record.Actor;
import io.flowdesk.domain.record.JournalKind;
import io.flowdesk.workers.JobInputs;
import io.flowdesk.workers.JobOutcomes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Task type {@code flowdesk:problem-resolve-incidents}: resolves the open incidents linked to the
 * resolved problem {@code problemNumber} the way an agent does, by completing each incident's open
 * "Resolve incident" task (process {@code incident}, element {@code resolveIncident}) with outcome
 * resolve, resolution code {@code solved-permanently} and notes naming the problem. The incident's
 * own model then records the resolution and tells its caller, as for any resolution: the caller
 * reads only those notes, never the problem's work notes.
 *
 * <p>An incident without such a task (one on hold, or reported before models ran it) is left as it
 * is and named in a work note on the problem, for the problem manager. Results {@code
 * incidentsResolved} and {@code incidentsLeft} (numbers). A retried job completes only the tasks
 * still open, so no incident is resolved twice.
 */
public class ResolveProblemIncidentsWorker {

  public static final String TYPE = "flowdesk:problem-resolve-incidents";

  /** The incident model's task an agent resolves it with (processes/incident.bpmn). */
  static final String RESOLVE_TASK = "resolveIncident";

  private static final Set<IncidentState> OPEN =
      EnumSet.of(IncidentState.NEW, IncidentState.IN_PROGRESS, IncidentState.ON_HOLD);

  private final ProblemRecords problems;
  private final IncidentRecords incidents;
  private final CamundaClient camunda;
  private final JobOutcomes outcomes;

  public ResolveProblemIncidentsWorker(
      final ProblemRecords problems,
      final IncidentRecords incidents,
      final CamundaClient camunda,
      final Duration retryBackoff) {
    this.problems = problems;
    this.incidents = incidents;
    this.camunda = camunda;
    this.outcomes = new JobOutcomes("problem", retryBackoff);
  }

  @JobWorker(
      type = TYPE,
      autoComplete = false,
      fetchVariables = {ProblemJobs.NUMBER})
  public void handle(final JobClient client, final ActivatedJob job) {
    outcomes.handle(client, job, this::resolve);
  }

  /** Resolves the linked open incidents. */
  public Map<String, Object> resolve(final JobInputs inputs) {
    final Problem problem = ProblemJobs.problem(problems, inputs);
    final List<String> resolved = new ArrayList<>();
    final List<String> left = new ArrayList<>();
    for (final String number : problem.incidents()) {
      final Optional<Incident> incident =
          incidents.findByNumber(number).filter(open -> OPEN.contains(open.state()));
      if (incident.isEmpty()) {
        continue;
      }
      final Optional<UserTask> task = resolveTask(incident.get());
      if (task.isEmpty()) {
        left.add(number);
        continue;
      }
      camunda
          .newCompleteUserTaskCommand(task.get().getUserTaskKey())
          .variables(
              Map.of(
                  "outcome", "resolve",
                  "resolutionCode", "solved-permanently",
                  "resolutionNotes",
                      "The underlying problem "
                          + problem.number()
                          + " (\""
                          + problem.shortDescription()
                          + "\") has been resolved, which resolves this incident too."))
          .send()
          .join();
      resolved.add(number);
    }
    if (!left.isEmpty()) {
      problems.addJournalEntry(
          problem.id(),
          JournalKind.WORK_NOTE,
          "Not resolved with the problem (no open resolve task): "
              + String.join(", ", left)
              + ". Please resolve them on their pages.",
          Actor.job(inputs.jobKey()));
    }
    return Map.of("incidentsResolved", resolved, "incidentsLeft", left);
  }

  private Optional<UserTask> resolveTask(final Incident incident) {
    if (incident.processInstanceKey() == null) {
      return Optional.empty();
    }
    return camunda
        .newUserTaskSearchRequest()
        .filter(
            f ->
                f.processInstanceKey(incident.processInstanceKey())
                    .elementId(RESOLVE_TASK)
                    .state(UserTaskState.CREATED))
        .send()
        .join()
        .items()
        .stream()
        .findFirst();
  }
}
