package io.flowdesk.app.mfa;

import org.springframework.security.core.AuthenticationException;

/**
 * HTTP Basic credentials of an account that signs in with a second factor (or must): a password
 * alone does not open it, on the API neither; scripts use a personal API token.
 */
public class SecondFactorRequiredException extends AuthenticationException {

  private static final long serialVersionUID = 1L;

  public SecondFactorRequiredException() {
    super(
        "This account signs in with two-factor authentication, so HTTP Basic credentials are not"
            + " accepted for it. Create a personal API token at /account/tokens and send it as"
            + " 'Authorization: Bearer <token>'.");
  }
}
