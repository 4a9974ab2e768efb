package io.flowdesk.app.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a new password must be, after NIST SP 800-63B rev. 4 and the ITSM seed: long enough (15
 * characters for an account that signs in with the password alone, 12 with a second factor), not
 * absurdly long, any characters (spaces and every script included), no composition rules, no forced
 * periodic change, and not one that attackers try first: a common or breached password, the
 * username, or one character repeated.
 *
 * <p>The breached list is the bundled one plus, optionally, a file an administrator downloaded
 * ({@code flowdesk.security.breached-passwords-file}): one password per line, or one SHA-1 hash in
 * hex per line with an optional {@code :count} (the format of Have I Been Pwned's downloads).
 * Length is counted in Unicode code points, so an emoji is one character as the user sees it.
 */
public final class PasswordPolicy {

  /** The shortest password for an account with a second factor. */
  public static final int MIN_LENGTH_WITH_SECOND_FACTOR = 12;

  /** The shortest password for an account that signs in with the password alone. */
  public static final int MIN_LENGTH = 15;

  /** Long passphrases are welcome; the limit only keeps hashing cheap for the server. */
  public static final int MAX_LENGTH = 128;

  private static final String BUNDLED = "/security/common-passwords.txt";
  private static final Pattern SHA1_LINE = Pattern.compile("(?i)[0-9a-f]{40}(:\\d+)?");

  private final Set<String> blocked = new HashSet<>();
  private final Set<String> blockedSha1 = new HashSet<>();

  /** The policy with the bundled list of common and breached passwords. */
  public PasswordPolicy() {
    try (InputStream in = PasswordPolicy.class.getResourceAsStream(BUNDLED)) {
      if (in == null) {
        throw new IllegalStateException("missing " + BUNDLED + " on the classpath");
      }
      read(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + BUNDLED, e);
    }
  }

  /**
   * The bundled list plus the passwords (or SHA-1 hashes) in {@code breachedPasswords}.
   *
   * @throws UncheckedIOException naming the file when it cannot be read
   */
  public PasswordPolicy(final Path breachedPasswords) {
    this();
    try (Stream<String> lines = Files.lines(breachedPasswords, StandardCharsets.UTF_8)) {
      read(lines);
    } catch (IOException | UncheckedIOException e) {
      throw new UncheckedIOException(
          new IOException("cannot read the breached passwords file " + breachedPasswords, e));
    }
  }

  /**
   * Every rule the password breaks, each as a sentence for the person choosing it that names the
   * rule; empty when the password is acceptable.
   *
   * @param secondFactor whether the account signs in with a second factor as well (TOTP), which
   *     lowers the minimum length from {@value #MIN_LENGTH} to {@value
   *     #MIN_LENGTH_WITH_SECOND_FACTOR}
   */
  public List<String> violations(
      final String username, final CharSequence password, final boolean secondFactor) {
    final List<String> problems = new ArrayList<>();
    final String candidate = password == null ? "" : password.toString();
    final int length = candidate.codePointCount(0, candidate.length());
    final int minimum = secondFactor ? MIN_LENGTH_WITH_SECOND_FACTOR : MIN_LENGTH;
    if (length < minimum) {
      problems.add(
          "Minimum length: the password must have at least "
              + minimum
              + " characters"
              + (secondFactor
                  ? "."
                  : " (" + MIN_LENGTH_WITH_SECOND_FACTOR + " once you use a second factor)."));
    }
    if (length > MAX_LENGTH) {
      problems.add("Maximum length: the password must have at most " + MAX_LENGTH + " characters.");
    }
    final String folded = candidate.toLowerCase(Locale.ROOT);
    if (username != null
        && !username.isBlank()
        && folded.equals(username.toLowerCase(Locale.ROOT))) {
      problems.add("Not the username: the password must not be the username.");
    } else if (blocked.contains(folded) || blockedSha1.contains(sha1(candidate))) {
      problems.add(
          "Breached passwords: this password is on the list of common or breached passwords;"
              + " attackers try it first. Choose another one.");
    } else if (length > 1 && candidate.codePoints().distinct().count() == 1) {
      problems.add("Repeated character: the password must not be one character repeated.");
    }
    return List.copyOf(problems);
  }

  /** Whether the password breaks no rule. */
  public boolean accepts(
      final String username, final CharSequence password, final boolean secondFactor) {
    return violations(username, password, secondFactor).isEmpty();
  }

  private void read(final Stream<String> lines) {
    lines
        .map(String::strip)
        .filter(line -> !line.isEmpty() && !line.startsWith("#"))
        .forEach(
            line -> {
              if (SHA1_LINE.matcher(line).matches()) {
                blockedSha1.add(line.substring(0, 40).toUpperCase(Locale.ROOT));
              } else {
                blocked.add(line.toLowerCase(Locale.ROOT));
              }
            });
  }

  private String sha1(final String candidate) {
    if (blockedSha1.isEmpty()) {
      return "";
    }
    try {
      return HexFormat.of()
          .withUpperCase()
          .formatHex(
              MessageDigest.getInstance("SHA-1")
                  .digest(candidate.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-1", e);
    }
  }
}
