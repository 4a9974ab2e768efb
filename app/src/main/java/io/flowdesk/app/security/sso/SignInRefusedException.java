package io.flowdesk.app.security.sso;

import org.springframework.security.core.AuthenticationException;

/**
 * A single sign-on the provider accepted but Flowdesk refuses; the message is written for the
 * person signing in and shown on the sign-in page.
 */
public class SignInRefusedException extends AuthenticationException {

  public SignInRefusedException(final String message) {
    super(message);
  }
}
