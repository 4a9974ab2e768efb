package io.flowdesk.app.record;

import java.util.Map;

/** A request the API refuses as a whole, with one message per offending field. */
public class InvalidRequestException extends RuntimeException {

  private final Map<String, String> fieldErrors;

  public InvalidRequestException(final String message, final Map<String, String> fieldErrors) {
    super(message);
    this.fieldErrors = Map.copyOf(fieldErrors);
  }

  public Map<String, String> fieldErrors() {
    return fieldErrors;
  }
}
