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

  /** Whole seconds to wait, rounded up (for a Retry-After header). */
  public long waitSeconds() {
    return Math.max(1, wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0));
  }

  /**
   * What the person is told, on the sign-in page and in API errors alike. It names no account, so
   * it reads the same whether the username exists or not.
   */
  public String advice() {
    return "Too many failed sign-ins. Please wait " + describeWait() + " before trying again.";
  }

  private String describeWait() {
    final long seconds = waitSeconds();
    if (seconds < 60) {
      return seconds + (seconds == 1 ? " second" : " seconds");
    }
    final long minutes = (seconds + 59) / 60;
    return minutes + (minutes == 1 ? " minute" : " minutes");
  }
}
