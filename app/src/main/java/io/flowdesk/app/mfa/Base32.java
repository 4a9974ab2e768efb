package io.flowdesk.app.mfa;

import java.io.ByteArrayOutputStream;
import java.util.Locale;

/**
 * RFC 4648 base32 without padding: how authenticator apps take a TOTP key, typed or in the QR
 * code's {@code otpauth://} URI.
 */
public final class Base32 {

  private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

  private Base32() {}

  public static String encode(final byte[] bytes) {
    final StringBuilder text = new StringBuilder((bytes.length * 8 + 4) / 5);
    int buffer = 0;
    int bits = 0;
    for (final byte b : bytes) {
      buffer = (buffer << 8) | (b & 0xff);
      bits += 8;
      while (bits >= 5) {
        text.append(ALPHABET.charAt((buffer >> (bits - 5)) & 0x1f));
        bits -= 5;
      }
    }
    if (bits > 0) {
      text.append(ALPHABET.charAt((buffer << (5 - bits)) & 0x1f));
    }
    return text.toString();
  }

  /**
   * @throws IllegalArgumentException if {@code text} holds a character outside the alphabet
   *     (spaces, padding and case are ignored)
   */
  public static byte[] decode(final String text) {
    final String letters = text.replace(" ", "").replace("=", "").toUpperCase(Locale.ROOT);
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int buffer = 0;
    int bits = 0;
    for (int i = 0; i < letters.length(); i++) {
      final int value = ALPHABET.indexOf(letters.charAt(i));
      if (value < 0) {
        throw new IllegalArgumentException("not base32: '" + letters.charAt(i) + "'");
      }
      buffer = (buffer << 5) | value;
      bits += 5;
      if (bits >= 8) {
        bytes.write((buffer >> (bits - 8)) & 0xff);
        bits -= 8;
      }
    }
    return bytes.toByteArray();
  }
}
