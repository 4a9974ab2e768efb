package io.flowdesk.domain.change.conflict;

/** A blackout window that cannot be stored; {@link #field()} names the field as forms do. */
public class InvalidBlackoutException extends IllegalArgumentException {

  private final String field;

  public InvalidBlackoutException(final String field, final String message) {
    super(field + ": " + message);
    this.field = field;
  }

  public String field() {
    return field;
  }

  /** The message without the field's name, for showing next to the field. */
  public String reason() {
    return getMessage().substring(field.length() + 2);
  }
}
