package io.flowdesk.app.mfa;

import io.flowdesk.app.security.Roles;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.core.Authentication;

/**
 * For the API's HTTP Basic: a right password of an account that has (or, by its role, must have) a
 * second factor is refused with {@link SecondFactorRequiredException}, since Basic has no place for
 * a code; such people's scripts use personal API tokens. Checked after the password, so the refusal
 * tells nothing to someone who does not know it.
 */
public final class PasswordAloneRefusal implements AuthenticationManager {

  private final AuthenticationManager passwords;
  private final SecondFactors factors;
  private final SecondFactorPolicy policy;

  public PasswordAloneRefusal(
      final AuthenticationManager passwords,
      final SecondFactors factors,
      final SecondFactorPolicy policy) {
    this.passwords = passwords;
    this.factors = factors;
    this.policy = policy;
  }

  @Override
  public Authentication authenticate(final Authentication attempt) {
    final Authentication authenticated = passwords.authenticate(attempt);
    if (policy.requiredFor(Roles.of(authenticated))
        || factors.isEnrolled(authenticated.getName())) {
      throw new SecondFactorRequiredException();
    }
    return authenticated;
  }
}
