package io.flowdesk.domain.secret;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES-256 key the {@link SecretStore} encrypts with. It comes from the environment ({@code
 * FLOWDESK_SECRETS_KEY}, 32 bytes in base64) or, for a local installation only, from a key file
 * that is generated on first use. {@link #toString()} never shows the key.
 */
public final class SecretKey {

  private static final int KEY_BYTES = 32;

  private final SecretKeySpec spec;

  private SecretKey(final byte[] key) {
    if (key.length != KEY_BYTES) {
      throw new IllegalArgumentException(
          "the secrets key must be " + KEY_BYTES + " bytes (base64), it has " + key.length);
    }
    this.spec = new SecretKeySpec(key, "AES");
    Arrays.fill(key, (byte) 0);
  }

  /** The key as given in {@code FLOWDESK_SECRETS_KEY}: 32 bytes, base64. */
  public static SecretKey fromBase64(final String base64) {
    if (base64 == null || base64.isBlank()) {
      throw new IllegalArgumentException("the secrets key (FLOWDESK_SECRETS_KEY) is empty");
    }
    final byte[] key;
    try {
      key = Base64.getDecoder().decode(base64.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the secrets key (FLOWDESK_SECRETS_KEY) is not base64");
    }
    return new SecretKey(key);
  }

  /**
   * Reads the key from {@code file}, creating the file with a fresh random key (owner-only
   * permissions) when it does not exist yet. Meant for the local profile: whoever can read the file
   * can read every secret, so production passes the key in the environment.
   */
  public static SecretKey fromFile(final Path file) {
    try {
      if (!Files.exists(file)) {
        final byte[] key = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(key);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(
            file,
            Base64.getEncoder().encodeToString(key),
            StandardCharsets.US_ASCII,
            StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE);
        Arrays.fill(key, (byte) 0);
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
          Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
      }
      return fromBase64(Files.readString(file, StandardCharsets.US_ASCII));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the secrets key file " + file, e);
    }
  }

  /**
   * A key of its own for {@code purpose}, derived from this one (HMAC-SHA256 of the purpose), so
   * that signing something never uses the encryption key itself.
   */
  public byte[] derive(final String purpose) {
    try {
      final javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(spec.getEncoded(), "HmacSHA256"));
      return mac.doFinal(purpose.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  SecretKeySpec spec() {
    return spec;
  }

  @Override
  public String toString() {
    return "SecretKey[***]";
  }
}
