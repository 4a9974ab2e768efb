package io.flowdesk.workers.change;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobClient;
import io.flowdesk.domain.change.Change;
import io.flowdesk.domain.change.ChangeRecords;
import io.flowdesk.domain.change.ChangeState;
import io.flowdesk.domain.change.CloseCode;
import io.flowdesk.domain.record.Actor;
import io.flowdesk.workers.InvalidJobInputException;
import io.flowdesk.workers.JobInputs;
import io.flowdesk.workers.JobOutcomes;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Task type {@code flowdesk:change-stage}: moves the change of {@code changeNumber} to the state
 * its model has reached, on the change's timeline (audit trail, and the comment in the journal).
 *
 * <p>Inputs: {@code changeNumber}; {@code stage} (variable, else custom header): {@code assess},
 * {@code authorize}, {@code scheduled}, {@code implement}, {@code review}, {@code closed}, {@code
 * canceled}; optional {@code closeCode} ({@code successful}, {@code successful_with_issues}, {@code
 * unsuccessful}, {@code backed_out}; from implementation on, required to close unless recorded
 * before) and {@code comment}. Result variable {@code changeState} (e.g. {@code SCHEDULED}). The
 * move is applied once per job key. Bad input, and a close code the record refuses, is BPMN error
 * {@code FLOWDESK_CHANGE_INVALID_INPUT}; an unknown change or a move the life cycle refuses fails
 * the job (retried, then an incident).
 */
public class ChangeStageWorker {

  public static final String TYPE = "flowdesk:change-stage";

  private static final Map<String, ChangeState> STAGES =
      Map.of(
          "assess", ChangeState.ASSESS,
          "authorize", ChangeState.AUTHORIZE,
          "scheduled", ChangeState.SCHEDULED,
          "implement", ChangeState.IMPLEMENT,
          "review", ChangeState.REVIEW,
          "closed", ChangeState.CLOSED,
          "canceled", ChangeState.CANCELED);

  private final ChangeRecords records;
  private final JobOutcomes outcomes;

  public ChangeStageWorker(final ChangeRecords records, final Duration retryBackoff) {
    this.records = records;
    this.outcomes = new JobOutcomes("change", retryBackoff);
  }

  @JobWorker(
      type = TYPE,
      autoComplete = false,
      fetchVariables = {ChangeJobs.NUMBER, "stage", "closeCode", "comment"})
  public void handle(final JobClient client, final ActivatedJob job) {
    outcomes.handle(client, job, this::move);
  }

  /** Moves the change. */
  public Map<String, Object> move(final JobInputs inputs) {
    final ChangeState next =
        ChangeJobs.coded(
            inputs,
            "stage",
            stage -> Optional.ofNullable(STAGES.get(stage)),
            "assess, authorize, scheduled, implement, review, closed, canceled");
    final CloseCode closeCode = closeCode(inputs);
    final String comment = inputs.optionalText("comment").orElse(null);
    final Change change = ChangeJobs.change(records, inputs);
    final Change moved =
        records.moveTo(change.id(), next, closeCode, comment, Actor.job(inputs.jobKey())).change();
    return Map.of("changeState", moved.state().name());
  }

  private static CloseCode closeCode(final JobInputs inputs) {
    return inputs
        .optionalText("closeCode")
        .map(
            code ->
                CloseCode.of(code)
                    .orElseThrow(
                        () ->
                            new InvalidJobInputException(
                                "input 'closeCode' must be one of successful,"
                                    + " successful_with_issues, unsuccessful, backed_out; was "
                                    + code)))
        .orElse(null);
  }
}
