package io.flowdesk.bench.web;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The codes an authenticator app shows (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits), for the
 * benchmark's simulated people. The benchmark talks to the packaged app over HTTP and cannot load
 * the app's classes (they live inside its Spring Boot jar), hence this small client-side copy of
 * what any authenticator app computes.
 */
final class TotpCodes {

  private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

  private final byte[] key;

  /**
   * @param base32Key the key as the enrolment page shows it (groups of four letters)
   */
  TotpCodes(final String base32Key) {
    this.key = decode(base32Key);
  }

  static long step(final long epochMillis) {
    return Math.floorDiv(epochMillis, 30_000L);
  }

  String code(final long step) {
    try {
      final Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(key, "HmacSHA1"));
      final byte[] hash = mac.doFinal(ByteBuffer.allocate(Long.BYTES).putLong(step).array());
      final int offset = hash[hash.length - 1] & 0x0f;
      final int truncated = ByteBuffer.wrap(hash, offset, 4).getInt() & 0x7fffffff;
      return String.format(Locale.ROOT, "%06d", truncated % 1_000_000);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java runtime has HmacSHA1", e);
    }
  }

  private static byte[] decode(final String text) {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int buffer = 0;
    int bits = 0;
    for (final char c : text.replace(" ", "").toUpperCase(Locale.ROOT).toCharArray()) {
      buffer = (buffer << 5) | BASE32.indexOf(c);
      bits += 5;
      if (bits >= 8) {
        bytes.write((buffer >> (bits - 8)) & 0xff);
        bits -= 8;
      }
    }
    return bytes.toByteArray();
  }
}
