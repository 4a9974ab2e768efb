package io.flowdesk.app.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a new password must be, after NIST SP 800-63B: long enough, not absurdly long, any
 * characters (spaces and every script included), no composition rules, and not one that attackers
 * try first: a well-known or breached password, the username, or one character repeated.
 *
 * <p>Length is counted in Unicode code points, so an emoji is one character as the user sees it.
 */
public final class PasswordPolicy {

  /** The shortest password anyone may choose. */
  public static final int MIN_LENGTH = 8;

  /** Administrators hold every key, so their passwords must be longer. */
  public static final int MIN_LENGTH_ADMIN = 15;

  /** Long passphrases are welcome; the limit only keeps hashing cheap for the server. */
  public static final int MAX_LENGTH = 128;

  private static final String BLOCKLIST = "/security/common-passwords.txt";

  private final Set<String> blocked;

  /** The policy with the bundled list of common and breached passwords. */
  public PasswordPolicy() {
    this.blocked = loadBlocklist();
  }

  /**
   * Every rule the password breaks, each as a sentence for the person choosing it; empty when the
   * password is acceptable.
   *
   * @param administrator whether the password is for someone with the ADMIN role
   */
  public List<String> violations(
      final String username, final CharSequence password, final boolean administrator) {
    final List<String> problems = new ArrayList<>();
    final String candidate = password == null ? "" : password.toString();
    final int length = candidate.codePointCount(0, candidate.length());
    final int minimum = administrator ? MIN_LENGTH_ADMIN : MIN_LENGTH;
    if (length < minimum) {
      problems.add(
          "The password must have at least "
              + minimum
              + " characters"
              + (administrator ? " for an administrator." : "."));
    }
    if (length > MAX_LENGTH) {
      problems.add("The password must have at most " + MAX_LENGTH + " characters.");
    }
    final String folded = candidate.toLowerCase(Locale.ROOT);
    if (username != null
        && !username.isBlank()
        && folded.equals(username.toLowerCase(Locale.ROOT))) {
      problems.add("The password must not be the username.");
    } else if (blocked.contains(folded)) {
      problems.add("This password is too common; attackers try it first. Choose another one.");
    } else if (length > 1 && candidate.codePoints().distinct().count() == 1) {
      problems.add("The password must not be one character repeated.");
    }
    return List.copyOf(problems);
  }

  /** Whether the password breaks no rule. */
  public boolean accepts(
      final String username, final CharSequence password, final boolean administrator) {
    return violations(username, password, administrator).isEmpty();
  }

  private static Set<String> loadBlocklist() {
    try (InputStream in = PasswordPolicy.class.getResourceAsStream(BLOCKLIST)) {
      if (in == null) {
        throw new IllegalStateException("missing " + BLOCKLIST + " on the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .map(String::strip)
          .filter(line -> !line.isEmpty() && !line.startsWith("#"))
          .map(line -> line.toLowerCase(Locale.ROOT))
          .collect(Collectors.toUnmodifiableSet());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + BLOCKLIST, e);
    }
  }
}
