package io.flowdesk.engine.execution;

/**
 * Why a step of an element failed; becomes an incident of the given Zeebe error type.
 *
 * @param errorType Zeebe's incident error type (EXTRACT_VALUE_ERROR, IO_MAPPING_ERROR, ...)
 */
record Failure(String errorType, String message) {

  static Failure extractValue(final String message) {
    return new Failure("EXTRACT_VALUE_ERROR", message);
  }

  static Failure ioMapping(final String message) {
    return new Failure("IO_MAPPING_ERROR", message);
  }

  static Failure condition(final String message) {
    return new Failure("CONDITION_ERROR", message);
  }

  static Failure decision(final String message) {
    return new Failure("DECISION_EVALUATION_ERROR", message);
  }

  /** Carries a failure out of deeply nested evaluation to the one place that raises incidents. */
  static final class Raised extends RuntimeException {
    private final Failure failure;

    Raised(final Failure failure) {
      super(failure.message(), null, false, false);
      this.failure = failure;
    }

    Failure failure() {
      return failure;
    }
  }

  Raised raise() {
    return new Raised(this);
  }
}
