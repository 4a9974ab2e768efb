package io.flowdesk.app.request;

import java.util.Map;

/** An order or comment the API refuses as a whole, with one message per offending field. */
class InvalidOrderException extends RuntimeException {

  private final Map<String, String> fieldErrors;

  InvalidOrderException(final String message, final Map<String, String> fieldErrors) {
    super(message);
    this.fieldErrors = Map.copyOf(fieldErrors);
  }

  Map<String, String> fieldErrors() {
    return fieldErrors;
  }
}
