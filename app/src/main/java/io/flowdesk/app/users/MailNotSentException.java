package io.flowdesk.app.users;

/** A password link that could not be mailed; what was to go with it is rolled back. */
public class MailNotSentException extends RuntimeException {

  MailNotSentException(final String reason) {
    super("The mail with the password link could not be sent: " + reason);
  }
}
