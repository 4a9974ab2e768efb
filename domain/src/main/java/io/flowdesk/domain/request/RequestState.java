package io.flowdesk.domain.request;

import java.util.EnumSet;
import java.util.Set;

/**
 * A request's life cycle. The process moves it (job type {@code flowdesk:request-stage}); the
 * requester may cancel it until it is fulfilled. Rejected, fulfilled and canceled requests end in
 * the closed stage; closed and canceled are final.
 */
public enum RequestState {
  SUBMITTED("Submitted", RequestStage.SUBMITTED),
  AWAITING_APPROVAL("Awaiting approval", RequestStage.APPROVAL),
  APPROVED("Approved", RequestStage.APPROVAL),
  REJECTED("Rejected", RequestStage.CLOSED),
  IN_FULFILMENT("In fulfilment", RequestStage.FULFILMENT),
  FULFILLED("Fulfilled", RequestStage.CLOSED),
  CLOSED("Closed", RequestStage.CLOSED),
  CANCELED("Canceled", RequestStage.CLOSED);

  private final String label;
  private final RequestStage stage;

  RequestState(final String label, final RequestStage stage) {
    this.label = label;
    this.stage = stage;
  }

  /** The state in words, as pages show it ("Awaiting approval"). */
  public String label() {
    return label;
  }

  public RequestStage stage() {
    return stage;
  }

  /** Whether the requester may still cancel: not once it is fulfilled, rejected or over. */
  public boolean cancelable() {
    return !EnumSet.of(FULFILLED, REJECTED, CLOSED, CANCELED).contains(this);
  }

  /** Whether {@code next} may follow this state (the same state again is no transition). */
  public boolean allows(final RequestState next) {
    return this == next || next(this).contains(next);
  }

  private static Set<RequestState> next(final RequestState from) {
    return switch (from) {
      case SUBMITTED, AWAITING_APPROVAL, APPROVED, IN_FULFILMENT -> {
        // Forward through approval and fulfilment (a process may approve again after
        // fulfilment began, or fulfil without approval); cancel until fulfilled.
        final Set<RequestState> open =
            EnumSet.of(AWAITING_APPROVAL, APPROVED, REJECTED, IN_FULFILMENT, FULFILLED, CANCELED);
        open.remove(from);
        yield open;
      }
      case FULFILLED, REJECTED -> EnumSet.of(CLOSED);
      case CLOSED, CANCELED -> EnumSet.noneOf(RequestState.class);
    };
  }
}
