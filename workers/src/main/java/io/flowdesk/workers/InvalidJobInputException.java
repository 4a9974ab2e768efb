package io.flowdesk.workers;

/** A job lacks an input the task needs, or has one of the wrong kind; names the input. */
public class InvalidJobInputException extends IllegalArgumentException {

  public InvalidJobInputException(final String message) {
    super(message);
  }
}
