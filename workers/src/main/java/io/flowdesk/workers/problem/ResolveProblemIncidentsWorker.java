package io.flowdesk.workers.problem;

import io.camunda.client.CamundaClient;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
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
import io.flowdesk.workers.incident.IncidentResolveTask;
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

  private static final Set<IncidentState> OPEN =
      EnumSet.of(IncidentState.NEW, IncidentState.IN_PROGRESS, IncidentState.ON_HOLD);

  private final ProblemRecords problems;
  private final IncidentRecords incidents;
  private final IncidentResolveTask resolveTask;
  private final JobOutcomes outcomes;

  public ResolveProblemIncidentsWorker(
      final ProblemRecords problems,
      final IncidentRecords incidents,
      final CamundaClient camunda,
      final Duration retryBackoff) {
    this.problems = problems;
    this.incidents = incidents;
    this.resolveTask = new IncidentResolveTask(camunda);
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
      final boolean resolvedNow =
          resolveTask.resolve(
              incident.get(),
              "solved-permanently",
              "The underlying problem "
                  + problem.number()
                  + " (\""
                  + problem.shortDescription()
                  + "\") has been resolved, which resolves this incident too.");
      (resolvedNow ? resolved : left).add(number);
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
}
