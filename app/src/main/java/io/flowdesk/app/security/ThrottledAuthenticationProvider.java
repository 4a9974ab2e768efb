package io.flowdesk.app.security;

import java.time.Duration;
import java.util.Optional;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Checks the {@link LoginThrottle} before the password, and tells it how each attempt ended. Every
 * refusal of the wrapped provider (wrong password, unknown or disabled user) counts alike; a
 * throttled attempt is refused before the password is hashed, so guessing cannot be used to burn
 * CPU. The client address is the one the servlet container derived (with the configured forwarded
 * headers strategy), never a header read here.
 */
final class ThrottledAuthenticationProvider implements AuthenticationProvider {

  // An address with too many checks running is told to wait this long.
  private static final Duration BUSY = Duration.ofSeconds(1);

  private final AuthenticationProvider passwords;
  private final LoginThrottle throttle;
  private final PasswordChecksInFlight inFlight = new PasswordChecksInFlight();

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
    if (!inFlight.tryStart(address)) {
      throw new LoginThrottledException(BUSY);
    }
    try {
      final Authentication authenticated = passwords.authenticate(attempt);
      throttle.succeeded(username, address);
      return authenticated;
    } catch (InternalAuthenticationServiceException broken) {
      // The directory could not be read: nobody guessed anything.
      throw broken;
    } catch (AuthenticationException failed) {
      throttle.failed(username, address);
      throw failed;
    } finally {
      inFlight.finish(address);
    }
  }

  @Override
  public boolean supports(final Class<?> authentication) {
    return passwords.supports(authentication);
  }
}
