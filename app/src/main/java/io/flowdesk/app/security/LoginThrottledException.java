package io.flowdesk.app.security;

import java.time.Duration;
import org.springframework.security.core.AuthenticationException;

/** A sign-in refused without checking the password, because of too many recent failures. */
public class LoginThrottledException extends AuthenticationException {

  private static final long serialVersionUID = 1L;

  private final Duration wait;

  public LoginThrottledException(final Duration wait) {
    super("too many failed sign-ins; try again in " + wait.toSeconds() + " s");
    this.wait = wait;
  }

  /** How long until the next attempt is accepted. */
  public Duration waitFor() {
    return wait;
  }
}
