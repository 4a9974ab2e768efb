package io.flowdesk.workers.problem;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobClient;
import io.flowdesk.domain.problem.Problem;
import io.flowdesk.domain.problem.ProblemRecords;
import io.flowdesk.domain.record.Actor;
import io.flowdesk.workers.JobInputs;
import io.flowdesk.workers.JobOutcomes;
import java.time.Duration;
import java.util.Map;

/**
 * Task type {@code flowdesk:problem-cause}: records the root cause the analyst found ({@code
 * cause}, optional {@code causeCode}) and, when they give a {@code workaround}, makes the problem a
 * known error with it. Result {@code knownError} (boolean).
 */
public class ProblemCauseWorker {

  public static final String TYPE = "flowdesk:problem-cause";

  private final ProblemRecords records;
  private final JobOutcomes outcomes;

  public ProblemCauseWorker(final ProblemRecords records, final Duration retryBackoff) {
    this.records = records;
    this.outcomes = new JobOutcomes("problem", retryBackoff);
  }

  @JobWorker(
      type = TYPE,
      autoComplete = false,
      fetchVariables = {ProblemJobs.NUMBER, "cause", "causeCode", "workaround"})
  public void handle(final JobClient client, final ActivatedJob job) {
    outcomes.handle(client, job, this::record);
  }

  /** Records cause and workaround. */
  public Map<String, Object> record(final JobInputs inputs) {
    final Problem problem = ProblemJobs.problem(records, inputs);
    // Two changes of one job: a job key would let only the first apply. Both are idempotent by
    // value, so a retried job writes nothing twice.
    final Actor actor = Actor.person(Actor.PROCESS);
    Problem recorded =
        records.recordCause(
            problem.id(),
            inputs.text("cause"),
            inputs.optionalText("causeCode").orElse(null),
            actor);
    final String workaround = inputs.optionalText("workaround").orElse(null);
    if (workaround != null && !workaround.isBlank()) {
      recorded = records.markKnownError(problem.id(), workaround, actor);
    }
    return Map.of("knownError", recorded.knownError());
  }
}
