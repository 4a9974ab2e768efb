package io.flowdesk.app.apitoken;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The text of a personal token, {@code fdp_<id>_<secret>}: a prefix that secret scanners and people
 * recognise, a 16-hex-digit id to find the row, and 32 random bytes (base64url) that prove
 * possession. The secret is 256 bits of randomness, so a plain SHA-256 of it can be stored: there
 * is no dictionary to try, and verifying costs microseconds where bcrypt would cost 0.25 s.
 */
record TokenSecret(String id, String secret) {

  static final String PREFIX = "fdp_";
  private static final int ID_BYTES = 8;
  private static final int SECRET_BYTES = 32;
  private static final int ID_LENGTH = ID_BYTES * 2;
  private static final SecureRandom RANDOM = new SecureRandom();

  static TokenSecret generate() {
    final byte[] id = new byte[ID_BYTES];
    final byte[] secret = new byte[SECRET_BYTES];
    RANDOM.nextBytes(id);
    RANDOM.nextBytes(secret);
    return new TokenSecret(
        HexFormat.of().formatHex(id),
        Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
  }

  /** The presented text split into id and secret; empty when it is not shaped like a token. */
  static Optional<TokenSecret> parse(final String presented) {
    if (presented == null
        || !presented.startsWith(PREFIX)
        || presented.length() <= PREFIX.length() + ID_LENGTH + 1
        || presented.charAt(PREFIX.length() + ID_LENGTH) != '_') {
      return Optional.empty();
    }
    final String id = presented.substring(PREFIX.length(), PREFIX.length() + ID_LENGTH);
    if (!id.chars().allMatch(c -> Character.digit(c, 16) >= 0 && !Character.isUpperCase(c))) {
      return Optional.empty();
    }
    return Optional.of(new TokenSecret(id, presented.substring(PREFIX.length() + ID_LENGTH + 1)));
  }

  /** What the person copies once: the whole token. */
  String text() {
    return PREFIX + id + "_" + secret;
  }

  byte[] digest() {
    try {
      return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** Compares in constant time, so that response times tell nothing about the stored digest. */
  boolean matches(final byte[] storedDigest) {
    return MessageDigest.isEqual(digest(), storedDigest);
  }

  @Override
  public String toString() {
    // Never the secret: records print their fields, and tokens end up in logs that way.
    return "TokenSecret[id=" + id + "]";
  }
}
