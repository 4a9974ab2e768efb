package io.flowdesk.connectors.rpa;

/** A step found the page other than required (assertion, missing attribute, HTTP error). */
final class StepFailedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  StepFailedException(final String message) {
    super(message, null, false, false);
  }
}
