package io.flowdesk.app.mfa;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/** SHA-256 of NUL-separated parts, and random text, for what is stored only as a digest. */
final class Digests {

  private static final SecureRandom RANDOM = new SecureRandom();

  private Digests() {}

  static byte[] sha256(final String... parts) {
    try {
      final MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      for (final String part : parts) {
        // Usernames, codes and hashes never contain a NUL: no two tuples share a digest input.
        sha256.update(part.getBytes(StandardCharsets.UTF_8));
        sha256.update((byte) 0);
      }
      return sha256.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  static byte[] randomBytes(final int count) {
    final byte[] bytes = new byte[count];
    RANDOM.nextBytes(bytes);
    return bytes;
  }
}
