package io.flowdesk.workers.problem;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobClient;
import io.flowdesk.domain.problem.Problem;
import io.flowdesk.domain.problem.ProblemRecords;
import io.flowdesk.domain.problem.ProblemState;
import io.flowdesk.domain.record.Actor;
import io.flowdesk.workers.InvalidJobInputException;
import io.flowdesk.workers.JobInputs;
import io.flowdesk.workers.JobOutcomes;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * Task type {@code flowdesk:problem-stage}: moves the problem of {@code problemNumber} to the state
 * its model has reached (audit trail, and the comment in the journal).
 *
 * <p>Inputs: {@code problemNumber}; {@code stage} (variable, else custom header): {@code assess},
 * {@code root_cause_analysis}, {@code fix_in_progress}, {@code resolved}, {@code closed}, {@code
 * canceled}; optional {@code comment}. Result variable {@code problemState}. Applied once per job
 * key. An unknown stage is BPMN error {@code FLOWDESK_PROBLEM_INVALID_INPUT}; an unknown problem or
 * a move the life cycle refuses fails the job (retried, then an incident).
 */
public class ProblemStageWorker {

  public static final String TYPE = "flowdesk:problem-stage";

  private final ProblemRecords records;
  private final JobOutcomes outcomes;

  public ProblemStageWorker(final ProblemRecords records, final Duration retryBackoff) {
    this.records = records;
    this.outcomes = new JobOutcomes("problem", retryBackoff);
  }

  @JobWorker(
      type = TYPE,
      autoComplete = false,
      fetchVariables = {ProblemJobs.NUMBER, "stage", "comment"})
  public void handle(final JobClient client, final ActivatedJob job) {
    outcomes.handle(client, job, this::move);
  }

  /** Moves the problem. */
  public Map<String, Object> move(final JobInputs inputs) {
    final String stage =
        inputs
            .optionalText("stage")
            .or(() -> inputs.header("stage"))
            .orElseThrow(() -> new InvalidJobInputException("input 'stage' is missing"));
    final ProblemState next;
    try {
      next = ProblemState.valueOf(stage.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException unknown) {
      throw new InvalidJobInputException(
          "input 'stage' must be one of assess, root_cause_analysis, fix_in_progress, resolved,"
              + " closed, canceled; was "
              + stage);
    }
    final Problem problem = ProblemJobs.problem(records, inputs);
    final Problem moved =
        records.moveTo(
            problem.id(),
            next,
            inputs.optionalText("comment").orElse(null),
            Actor.job(inputs.jobKey()));
    return Map.of("problemState", moved.state().name());
  }
}
