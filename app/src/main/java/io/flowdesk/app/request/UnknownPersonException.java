package io.flowdesk.app.request;

/**
 * A request ordered for someone who is not in the directory or is disabled. An {@link
 * IllegalArgumentException} naming {@code requestedFor}, so the API answers it as it answers any
 * bad value; the portal shows it beside its "Requested for" field.
 */
public class UnknownPersonException extends IllegalArgumentException {

  private final String username;

  UnknownPersonException(final String username) {
    super("requestedFor: there is nobody called " + username);
    this.username = username;
  }

  public String username() {
    return username;
  }
}
