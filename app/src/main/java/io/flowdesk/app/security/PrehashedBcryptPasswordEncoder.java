package io.flowdesk.app.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.Base64;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * bcrypt over a SHA-256 digest of the password, so that every password counts in full.
 *
 * <p>bcrypt reads at most 72 bytes (Spring Security refuses longer input), but the password policy
 * allows 128 characters of any script, up to 512 bytes in UTF-8. The password is first normalised
 * (NFKC, as NIST 800-63B asks, so the same password typed on another keyboard matches), hashed with
 * SHA-256 and base64-encoded: 44 ASCII bytes without NUL, which bcrypt then salts and stretches.
 */
final class PrehashedBcryptPasswordEncoder implements PasswordEncoder {

  /** The id this encoder has in a {@code DelegatingPasswordEncoder} ({@code {bcrypt-sha256}…}). */
  static final String ID = "bcrypt-sha256";

  private final BCryptPasswordEncoder bcrypt;

  PrehashedBcryptPasswordEncoder(final int strength) {
    this.bcrypt = new BCryptPasswordEncoder(strength);
  }

  @Override
  public String encode(final CharSequence rawPassword) {
    return bcrypt.encode(prehash(rawPassword));
  }

  @Override
  public boolean matches(final CharSequence rawPassword, final String encodedPassword) {
    return rawPassword != null && bcrypt.matches(prehash(rawPassword), encodedPassword);
  }

  @Override
  public boolean upgradeEncoding(final String encodedPassword) {
    return bcrypt.upgradeEncoding(encodedPassword);
  }

  private static String prehash(final CharSequence rawPassword) {
    final String normalized = Normalizer.normalize(rawPassword, Normalizer.Form.NFKC);
    try {
      final byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(normalized.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
