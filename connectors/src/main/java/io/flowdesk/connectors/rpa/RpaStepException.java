package io.flowdesk.connectors.rpa;

/**
 * A step of a started run failed (timeout, failed assertion, page error). {@link #failure()} names
 * the step and points at the screenshot and trace kept for it. Steps before it did take effect.
 */
public final class RpaStepException extends RpaException {

  private static final long serialVersionUID = 1L;

  private final transient RpaFailure failure;

  RpaStepException(final RpaFailure failure) {
    super(failure.summary());
    this.failure = failure;
  }

  /** The failed step, the reason and the artifact paths. */
  public RpaFailure failure() {
    return failure;
  }
}
