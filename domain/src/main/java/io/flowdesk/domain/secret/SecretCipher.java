package io.flowdesk.domain.secret;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-GCM with a random 96-bit nonce per value. The secret's name is the associated data, so a
 * ciphertext copied to another name fails to decrypt instead of handing out the wrong secret. Also
 * used by the app for values that are not connector secrets (e.g. TOTP keys), with a name of their
 * own kind so that they can never be taken for one another.
 */
public final class SecretCipher {

  static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final SecretKey key;
  private final SecureRandom random = new SecureRandom();

  public SecretCipher(final SecretKey key) {
    this.key = key;
  }

  /** A value encrypted under a name: the nonce and the ciphertext with its tag. */
  public record Sealed(byte[] nonce, byte[] ciphertext) {}

  public Sealed encrypt(final String name, final char[] value) {
    final byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    final byte[] plain = toUtf8(value);
    try {
      final Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, name);
      return new Sealed(nonce, cipher.doFinal(plain));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot encrypt secret '" + name + "'", e);
    } finally {
      Arrays.fill(plain, (byte) 0);
    }
  }

  public char[] decrypt(final String name, final byte[] nonce, final byte[] ciphertext) {
    final byte[] plain;
    try {
      plain = cipher(Cipher.DECRYPT_MODE, nonce, name).doFinal(ciphertext);
    } catch (GeneralSecurityException e) {
      // Wrong key (FLOWDESK_SECRETS_KEY changed) or a tampered row: say which, not what.
      throw new IllegalStateException(
          "secret '"
              + name
              + "' cannot be decrypted: it was stored with another key or has been altered");
    }
    try {
      final CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(plain));
      final char[] value = new char[chars.remaining()];
      chars.get(value);
      Arrays.fill(chars.array(), '\0');
      return value;
    } finally {
      Arrays.fill(plain, (byte) 0);
    }
  }

  private Cipher cipher(final int mode, final byte[] nonce, final String name)
      throws GeneralSecurityException {
    final Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(mode, key.spec(), new GCMParameterSpec(TAG_BITS, nonce));
    cipher.updateAAD(name.getBytes(StandardCharsets.UTF_8));
    return cipher;
  }

  private static byte[] toUtf8(final char[] value) {
    final ByteBuffer buffer = StandardCharsets.UTF_8.encode(CharBuffer.wrap(value));
    final byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    Arrays.fill(buffer.array(), (byte) 0);
    return bytes;
  }
}
