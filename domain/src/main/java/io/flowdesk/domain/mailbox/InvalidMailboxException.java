package io.flowdesk.domain.mailbox;

/** A mailbox draft with a bad field; the message names the problem, {@link #field()} the field. */
public class InvalidMailboxException extends IllegalArgumentException {

  private final String field;

  public InvalidMailboxException(final String field, final String message) {
    super(message);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
