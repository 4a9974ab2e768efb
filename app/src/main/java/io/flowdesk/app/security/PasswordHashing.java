package io.flowdesk.app.security;

import java.util.Map;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * How Flowdesk stores passwords: {@code {bcrypt-sha256}} (bcrypt over a SHA-256 pre-hash, see
 * {@link PrehashedBcryptPasswordEncoder}) for new hashes; plain {@code {bcrypt}} hashes (from an
 * import) are still accepted and re-hashed at the next sign-in.
 */
public final class PasswordHashing {

  /** bcrypt cost: 2^12 rounds, about a quarter second per sign-in on a small server. */
  static final int STRENGTH = 12;

  private PasswordHashing() {}

  /** The encoder for sign-in and for setting passwords. */
  public static PasswordEncoder encoder() {
    return encoder(STRENGTH);
  }

  /**
   * With another bcrypt cost (4–31); hashes made with a lower cost than this are re-hashed at the
   * next sign-in.
   */
  public static PasswordEncoder encoder(final int strength) {
    return new DelegatingPasswordEncoder(
        PrehashedBcryptPasswordEncoder.ID,
        Map.of(
            PrehashedBcryptPasswordEncoder.ID,
            new PrehashedBcryptPasswordEncoder(strength),
            "bcrypt",
            new BCryptPasswordEncoder(strength)));
  }
}
