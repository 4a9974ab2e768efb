package io.flowdesk.engine.feel;

/**
 * A FEEL evaluation ran past one of its {@link FeelLimits}; the message names the bound, e.g. "FEEL
 * evaluation exceeded 1 s".
 */
public final class FeelLimitExceeded extends RuntimeException {

  FeelLimitExceeded(final String message) {
    // No stack trace: it is thrown once per step after the bound is hit, and never logged as a bug.
    super(message, null, false, false);
  }

  /**
   * Just the message: the FEEL engine appends a failure's {@code toString()} to "failed to evaluate
   * expression ..." when it reports it.
   */
  @Override
  @SuppressWarnings("OverrideThrowableToString") // the FEEL engine reads toString(), see above
  public String toString() {
    return getMessage();
  }
}
