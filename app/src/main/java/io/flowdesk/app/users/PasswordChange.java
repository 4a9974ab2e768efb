package io.flowdesk.app.users;

import io.flowdesk.app.mfa.SecondFactors;
import io.flowdesk.app.passwordchange.RequiredPasswordChanges;
import io.flowdesk.app.security.PasswordPolicy;
import io.flowdesk.domain.directory.Directory;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Setting a password, through a one-time link or by the signed-in person: the {@link
 * PasswordPolicy} applies, and the person's other sessions end (whoever else was signed in as them
 * is signed out).
 */
@Service
public class PasswordChange {

  public static final String DIFFERENT = "Repeat the password: the two passwords differ.";
  public static final String WRONG_CURRENT = "Current password: that is not your current password.";

  private final Directory directory;
  private final PasswordPolicy policy;
  private final PasswordEncoder passwords;
  private final PasswordLinks links;
  private final SessionTermination sessions;
  private final SecondFactors secondFactors;
  private final RequiredPasswordChanges required;

  PasswordChange(
      final Directory directory,
      final PasswordPolicy policy,
      final PasswordEncoder passwords,
      final PasswordLinks links,
      final SessionTermination sessions,
      final SecondFactors secondFactors,
      final RequiredPasswordChanges required) {
    this.directory = directory;
    this.policy = policy;
    this.passwords = passwords;
    this.links = links;
    this.sessions = sessions;
    this.secondFactors = secondFactors;
    this.required = required;
  }

  /**
   * Every rule the new password breaks, the repetition included; empty when it may be set. A person
   * with a confirmed second factor may choose a shorter password than one who signs in with the
   * password alone.
   */
  public List<String> problems(
      final String username, final String password, final String repeated) {
    final List<String> problems =
        new ArrayList<>(policy.violations(username, password, secondFactors.isEnrolled(username)));
    if (!Objects.equals(password, repeated)) {
      problems.add(DIFFERENT);
    }
    return problems;
  }

  /**
   * Sets the password of the link's holder and uses the link, or does neither: empty when the link
   * is no longer usable. Every session of the holder ends.
   */
  @Transactional
  public Optional<String> setWithLink(final String token, final String password) {
    final Optional<String> holder = links.use(token);
    holder.ifPresent(
        username -> {
          directory.changePasswordHash(username, passwords.encode(password));
          // A password the person chose through their link is their own.
          required.satisfied(username);
          sessions.endAll(username);
        });
    return holder;
  }

  /** Why {@code username} must choose a new password before anything else; empty if not. */
  public Optional<String> requiredBecause(final String username) {
    return required.reason(username);
  }

  /** Whether {@code password} is the person's current one. */
  public boolean isCurrent(final String username, final String password) {
    return directory
        .passwordHash(username)
        .map(hash -> passwords.matches(password, hash))
        .orElse(false);
  }

  /** Sets the signed-in person's new password and ends their other sessions. */
  @Transactional
  public void changeOwn(final String username, final String password, final String keepSession) {
    directory.changePasswordHash(username, passwords.encode(password));
    required.satisfied(username);
    sessions.endAllBut(username, keepSession);
  }
}
