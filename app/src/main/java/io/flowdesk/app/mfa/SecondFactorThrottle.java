package io.flowdesk.app.mfa;

import io.flowdesk.app.security.LoginThrottle;
import java.time.Duration;
import java.util.Optional;

/**
 * Wrong second-factor codes are throttled as wrong passwords are, by the same {@link LoginThrottle}
 * (per account and address, progressive delays, shared by every node), but counted apart from the
 * password: a right password clears its own failures, and must not clear the code guesses of
 * someone who knows it.
 */
final class SecondFactorThrottle {

  // A NUL never comes in a username, so these counts cannot be anyone's password counts.
  private static final String PREFIX = "\u0000second-factor\u0000";

  private final LoginThrottle throttle;

  SecondFactorThrottle(final LoginThrottle throttle) {
    this.throttle = throttle;
  }

  Optional<Duration> refusal(final String username, final String address) {
    return throttle.refusal(PREFIX + username, address);
  }

  void failed(final String username, final String address) {
    throttle.failed(PREFIX + username, address);
  }

  void succeeded(final String username, final String address) {
    throttle.succeeded(PREFIX + username, address);
  }
}
