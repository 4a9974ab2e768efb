package io.flowdesk.app.security;

import java.time.Duration;
import java.util.Optional;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Checks the {@link LoginThrottle} before the password, and tells it how each attempt ended. Every
 * refusal of the wrapped provider (wrong password, unknown or disabled user) counts alike.
 */
final class ThrottledAuthenticationProvider implements AuthenticationProvider {

  private final AuthenticationProvider passwords;
  private final LoginThrottle throttle;

  ThrottledAuthenticationProvider(
      final AuthenticationProvider passwords, final LoginThrottle throttle) {
    this.passwords = passwords;
    this.throttle = throttle;
  }

  @Override
  public Authentication authenticate(final Authentication attempt) {
    final String username = attempt.getName();
    final String address =
        attempt.getDetails() instanceof WebAuthenticationDetails web
            ? web.getRemoteAddress()
            : null;
    final Optional<Duration> refusal = throttle.refusal(username, address);
    if (refusal.isPresent()) {
      throw new LoginThrottledException(refusal.get());
    }
    try {
      final Authentication authenticated = passwords.authenticate(attempt);
      throttle.succeeded(username);
      return authenticated;
    } catch (AuthenticationException failed) {
      throttle.failed(username, address);
      throw failed;
    }
  }

  @Override
  public boolean supports(final Class<?> authentication) {
    return passwords.supports(authentication);
  }
}
