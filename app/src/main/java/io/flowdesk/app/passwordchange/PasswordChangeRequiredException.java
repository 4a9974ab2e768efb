package io.flowdesk.app.passwordchange;

import org.springframework.security.core.AuthenticationException;

/**
 * HTTP Basic credentials of an account that must change its password first: right, but not accepted
 * until the person chose their own on the change-password page.
 */
public class PasswordChangeRequiredException extends AuthenticationException {

  private static final long serialVersionUID = 1L;

  PasswordChangeRequiredException(final String reason) {
    super(detail(reason));
  }

  static String detail(final String reason) {
    return "This account must change its password before it can be used. "
        + reason
        + " Sign in at /login and set a new password at "
        + PasswordChangeGate.PAGE
        + ".";
  }

  /** The problem document's detail, escaped for a JSON string. */
  public String jsonDetail() {
    return ProblemText.json(getMessage());
  }
}
