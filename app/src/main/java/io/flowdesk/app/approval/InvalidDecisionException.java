package io.flowdesk.app.approval;

/** A decision or delegation refused for one of its fields, which the message names the fix of. */
public class InvalidDecisionException extends IllegalArgumentException {

  private final String field;

  InvalidDecisionException(final String field, final String message) {
    super(message);
    this.field = field;
  }

  /** The form field (and JSON property) at fault: decision, comment, delegate or reason. */
  public String field() {
    return field;
  }
}
