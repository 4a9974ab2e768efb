package io.flowdesk.connectors.sms;

import io.flowdesk.connectors.ConnectorException;

/**
 * The phone number cannot receive the message: malformed (checked before sending) or refused by the
 * provider (e.g. Twilio 21211 invalid number, 21614 not a mobile, 21610 unsubscribed). Trying again
 * does not help; the number must change.
 */
public class InvalidRecipientException extends ConnectorException {

  private static final long serialVersionUID = 1L;

  private final String number;

  public InvalidRecipientException(final String number, final String message) {
    super(message, false);
    this.number = number;
  }

  /** The number as given by the caller. */
  public String number() {
    return number;
  }
}
