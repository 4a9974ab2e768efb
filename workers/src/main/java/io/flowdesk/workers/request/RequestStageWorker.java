package io.flowdesk.workers.request;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobClient;
import io.flowdesk.domain.directory.NotificationKind;
import io.flowdesk.domain.notification.NotificationEvent;
import io.flowdesk.domain.record.Actor;
import io.flowdesk.domain.request.Request;
import io.flowdesk.domain.request.RequestNotFoundException;
import io.flowdesk.domain.request.RequestRecords;
import io.flowdesk.domain.request.RequestState;
import io.flowdesk.workers.InvalidJobInputException;
import io.flowdesk.workers.JobInputs;
import io.flowdesk.workers.JobOutcomes;
import io.flowdesk.workers.notify.PersonNotifier;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Task type {@code flowdesk:request-stage}: moves the request of {@code requestNumber} to the stage
 * the process has reached, and tells the requester when it is fulfilled or rejected (templates
 * {@code request-fulfilled} and {@code request-rejected}, on the channels they chose for {@link
 * NotificationKind#MY_RECORD_UPDATES}).
 *
 * <p>Inputs: {@code requestNumber}; {@code stage} (variable, else custom header): {@code approval},
 * {@code approved}, {@code fulfilment}, {@code fulfilled}, {@code rejected}, {@code closed}, {@code
 * canceled}; optional {@code comment}, which the requester reads (journal comment and mail);
 * optional {@code notify} ({@code false}: nobody is told, for a process that told the person
 * itself, so they do not hear of one event twice). Result variable {@code requestState} (e.g.
 * {@code FULFILLED}). The move is applied once per job key; the notice goes through the {@link
 * PersonNotifier}, once per job and channel. Bad input is BPMN error {@code
 * FLOWDESK_REQUEST_INVALID_INPUT}; an unknown request or a move the life cycle refuses fails the
 * job (retried, then an incident).
 */
public class RequestStageWorker {

  public static final String TYPE = "flowdesk:request-stage";

  private static final Map<String, RequestState> STAGES =
      Map.of(
          "approval", RequestState.AWAITING_APPROVAL,
          "approved", RequestState.APPROVED,
          "fulfilment", RequestState.IN_FULFILMENT,
          "fulfilled", RequestState.FULFILLED,
          "rejected", RequestState.REJECTED,
          "closed", RequestState.CLOSED,
          "canceled", RequestState.CANCELED);

  private final RequestRecords records;
  private final PersonNotifier notifier;
  private final JobOutcomes outcomes;

  public RequestStageWorker(
      final RequestRecords records, final PersonNotifier notifier, final Duration retryBackoff) {
    this.records = records;
    this.notifier = notifier;
    this.outcomes = new JobOutcomes("request", retryBackoff);
  }

  @JobWorker(
      type = TYPE,
      autoComplete = false,
      fetchVariables = {"requestNumber", "stage", "comment", "notify"})
  public void handle(final JobClient client, final ActivatedJob job) {
    outcomes.handle(client, job, this::move);
  }

  /** Moves the request and tells its requester when the stage calls for it. */
  public Map<String, Object> move(final JobInputs inputs) {
    final String number = inputs.text("requestNumber");
    final RequestState next = state(inputs);
    final String comment = inputs.optionalText("comment").orElse(null);
    final Request request =
        records.findByNumber(number).orElseThrow(() -> new RequestNotFoundException(number));
    final Request moved =
        records.moveTo(request.id(), next, comment, Actor.job(inputs.jobKey())).request();
    final boolean notify =
        inputs.optionalText("notify").map(text -> !text.strip().equals("false")).orElse(true);
    if (notify && (next == RequestState.FULFILLED || next == RequestState.REJECTED)) {
      // Also when the move was applied by an earlier attempt: the delivery log sends once.
      tell(inputs.jobKey(), moved, next, comment);
    }
    return Map.of("requestState", moved.state().name());
  }

  private static RequestState state(final JobInputs inputs) {
    final String stage =
        inputs
            .optionalText("stage")
            .or(() -> inputs.header("stage"))
            .orElseThrow(
                () ->
                    new InvalidJobInputException(
                        "input 'stage' is missing (a variable or the task header 'stage')"));
    final RequestState state = STAGES.get(stage.strip().toLowerCase(Locale.ROOT));
    if (state == null) {
      throw new InvalidJobInputException(
          "input 'stage' must be one of approval, approved, fulfilment, fulfilled, rejected,"
              + " closed, canceled; was "
              + stage);
    }
    return state;
  }

  private void tell(
      final long jobKey, final Request request, final RequestState state, final String comment) {
    final Map<String, Object> values = new HashMap<>();
    values.put("record.number", request.number());
    values.put("record.title", request.title());
    values.put("comment.text", comment == null ? "" : comment.strip());
    notifier.notify(
        jobKey,
        request.requester(),
        state == RequestState.FULFILLED
            ? NotificationEvent.REQUEST_FULFILLED
            : NotificationEvent.REQUEST_REJECTED,
        values,
        request.number(),
        null);
  }
}
