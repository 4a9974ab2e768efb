package io.flowdesk.workers.problem;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobClient;
import io.flowdesk.domain.change.Change;
import io.flowdesk.domain.change.ChangeRecords;
import io.flowdesk.domain.problem.Problem;
import io.flowdesk.domain.problem.ProblemRecords;
import io.flowdesk.workers.JobInputs;
import io.flowdesk.workers.JobOutcomes;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Task type {@code flowdesk:problem-fix-status}: how far the fix of {@code problemNumber} is, from
 * the changes raised from it. Results {@code fixes} (how many changes were raised to fix it) and
 * {@code fixesOpen} (how many of them are neither closed nor canceled), on which the model waits.
 */
public class ProblemFixStatusWorker {

  public static final String TYPE = "flowdesk:problem-fix-status";

  private final ProblemRecords problems;
  private final ChangeRecords changes;
  private final JobOutcomes outcomes;

  public ProblemFixStatusWorker(
      final ProblemRecords problems, final ChangeRecords changes, final Duration retryBackoff) {
    this.problems = problems;
    this.changes = changes;
    this.outcomes = new JobOutcomes("problem", retryBackoff);
  }

  @JobWorker(
      type = TYPE,
      autoComplete = false,
      fetchVariables = {ProblemJobs.NUMBER})
  public void handle(final JobClient client, final ActivatedJob job) {
    outcomes.handle(client, job, this::status);
  }

  /** Counts the fix changes and the open ones. */
  public Map<String, Object> status(final JobInputs inputs) {
    final Problem problem = ProblemJobs.problem(problems, inputs);
    final long open =
        problem.changes().stream()
            .map(changes::findByNumber)
            .flatMap(Optional::stream)
            .map(Change::state)
            .filter(state -> !state.isFinal())
            .count();
    return Map.of("fixes", problem.changes().size(), "fixesOpen", open);
  }
}
