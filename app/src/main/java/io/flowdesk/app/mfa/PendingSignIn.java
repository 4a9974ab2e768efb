package io.flowdesk.app.mfa;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import org.springframework.security.core.Authentication;

/**
 * A sign-in whose password was right and whose second factor is still to come. Kept in the session
 * beside, never as, its security context: until the code is checked the session is not signed in,
 * so nothing but the code page opens.
 */
record PendingSignIn(Authentication authentication, Instant since) implements Serializable {

  static final String ATTRIBUTE = PendingSignIn.class.getName();

  /** How long the code page waits for a code before the password must be typed again. */
  static final Duration EXPIRES_AFTER = Duration.ofMinutes(10);

  String username() {
    return authentication.getName();
  }

  boolean expired(final Instant now) {
    return !now.isBefore(since.plus(EXPIRES_AFTER));
  }
}
