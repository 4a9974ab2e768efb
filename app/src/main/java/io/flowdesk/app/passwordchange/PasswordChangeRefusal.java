package io.flowdesk.app.passwordchange;

import java.util.Optional;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.core.Authentication;

/**
 * For the API's HTTP Basic: a right password of an account that must change it is refused with
 * {@link PasswordChangeRequiredException}. Checked after the password, so the refusal tells nothing
 * to someone who does not know it.
 */
public final class PasswordChangeRefusal implements AuthenticationManager {

  private final AuthenticationManager passwords;
  private final RequiredPasswordChanges changes;

  public PasswordChangeRefusal(
      final AuthenticationManager passwords, final RequiredPasswordChanges changes) {
    this.passwords = passwords;
    this.changes = changes;
  }

  @Override
  public Authentication authenticate(final Authentication attempt) {
    final Authentication authenticated = passwords.authenticate(attempt);
    final Optional<String> reason = changes.reason(authenticated.getName());
    if (reason.isPresent()) {
      throw new PasswordChangeRequiredException(reason.get());
    }
    return authenticated;
  }
}
