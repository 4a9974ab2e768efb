package io.flowdesk.app.mfa;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time passwords (RFC 6238) as authenticator apps make them: HMAC-SHA1 over the
 * number of 30-second steps since the epoch, dynamically truncated (RFC 4226) to 6 digits. A code
 * of the step before or after the current one is accepted too, for clocks that drift a little and
 * people who type slowly.
 */
public final class Totp {

  /** How long one code is current. */
  public static final Duration STEP = Duration.ofSeconds(30);

  /** How many digits a code has. */
  public static final int DIGITS = 6;

  /** Steps either side of the current one whose codes are accepted. */
  static final int TOLERANCE = 1;

  private static final long[] POWERS_OF_TEN = {
    1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L
  };

  private Totp() {}

  /** The time step {@code at} falls in. */
  public static long step(final Instant at) {
    return Math.floorDiv(at.getEpochSecond(), STEP.getSeconds());
  }

  /** The 6-digit code of {@code key} for {@code step}. */
  public static String code(final byte[] key, final long step) {
    return code(key, step, DIGITS);
  }

  /** The code with another number of digits (1–8; RFC 6238's test vectors have 8). */
  static String code(final byte[] key, final long step, final int digits) {
    if (digits < 1 || digits >= POWERS_OF_TEN.length) {
      throw new IllegalArgumentException("digits must be 1 to 8, not " + digits);
    }
    final byte[] hash;
    try {
      final Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(key, "HmacSHA1"));
      hash = mac.doFinal(ByteBuffer.allocate(Long.BYTES).putLong(step).array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java runtime has HmacSHA1", e);
    }
    final int offset = hash[hash.length - 1] & 0x0f;
    final long truncated =
        ((hash[offset] & 0x7fL) << 24)
            | ((hash[offset + 1] & 0xffL) << 16)
            | ((hash[offset + 2] & 0xffL) << 8)
            | (hash[offset + 3] & 0xffL);
    final String code = Long.toString(truncated % POWERS_OF_TEN[digits]);
    return "0".repeat(digits - code.length()) + code;
  }

  /**
   * The step within {@link #TOLERANCE} of {@code at} whose code {@code typed} is; empty when it is
   * none of them or not a code at all. Every candidate is compared, in constant time, so the answer
   * takes as long whichever step matched.
   */
  public static OptionalLong matchingStep(final byte[] key, final String typed, final Instant at) {
    final String code = typed == null ? "" : typed.replace(" ", "");
    if (code.length() != DIGITS || !code.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return OptionalLong.empty();
    }
    final long now = step(at);
    OptionalLong matched = OptionalLong.empty();
    for (long step = now - TOLERANCE; step <= now + TOLERANCE; step++) {
      if (MessageDigest.isEqual(
          code(key, step).getBytes(StandardCharsets.US_ASCII),
          code.getBytes(StandardCharsets.US_ASCII))) {
        matched = OptionalLong.of(step);
      }
    }
    return matched;
  }
}
