package io.flowdesk.app.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Remembers, for a few minutes, which password matched which stored hash, so that an API client
 * sending HTTP Basic credentials on every call pays bcrypt once per {@link #REMEMBER_FOR} instead
 * of on every call.
 *
 * <p>Only matches are remembered; a wrong password is always hashed (and throttled before that).
 * The key is an HMAC-SHA256 of stored hash and presented password under a random key that lives
 * only in this process, so the memory holds no password and no plain fast hash of one. Because the
 * stored hash is part of the key, a changed password misses at once; a disabled person is refused
 * before the password is compared at all. Both therefore take effect immediately; the time limit
 * only bounds how long the memory holds anything.
 */
final class RecentlyVerifiedPasswords implements PasswordEncoder {

  static final Duration REMEMBER_FOR = Duration.ofMinutes(2);
  // A bound on memory whatever clients do: when full, new matches are simply not remembered.
  static final int CAPACITY = 10_000;

  private final PasswordEncoder hashing;
  private final Clock clock;
  private final SecretKeySpec key;
  private final Map<String, Instant> verified = new ConcurrentHashMap<>();

  RecentlyVerifiedPasswords(final PasswordEncoder hashing, final Clock clock) {
    this.hashing = hashing;
    this.clock = clock;
    final byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    this.key = new SecretKeySpec(secret, "HmacSHA256");
  }

  @Override
  public boolean matches(final CharSequence rawPassword, final String encodedPassword) {
    if (rawPassword == null || encodedPassword == null) {
      return hashing.matches(rawPassword, encodedPassword);
    }
    final Instant now = clock.instant();
    final String entry = entry(rawPassword, encodedPassword);
    final Instant expires = verified.get(entry);
    if (expires != null && now.isBefore(expires)) {
      return true;
    }
    final boolean matches = hashing.matches(rawPassword, encodedPassword);
    if (matches) {
      remember(entry, now);
    } else if (expires != null) {
      verified.remove(entry);
    }
    return matches;
  }

  @Override
  public String encode(final CharSequence rawPassword) {
    return hashing.encode(rawPassword);
  }

  @Override
  public boolean upgradeEncoding(final String encodedPassword) {
    return hashing.upgradeEncoding(encodedPassword);
  }

  private void remember(final String entry, final Instant now) {
    if (verified.size() >= CAPACITY) {
      verified.values().removeIf(expires -> !now.isBefore(expires));
      if (verified.size() >= CAPACITY) {
        return;
      }
    }
    verified.put(entry, now.plus(REMEMBER_FOR));
  }

  private String entry(final CharSequence rawPassword, final String encodedPassword) {
    try {
      final Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      // The stored hash never contains a NUL, so hash and password cannot run into each other.
      mac.update(encodedPassword.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0);
      return Base64.getEncoder()
          .encodeToString(mac.doFinal(rawPassword.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java runtime has HmacSHA256", e);
    }
  }
}
