package io.flowdesk.app.webhook;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code X-Flowdesk-Signature} header: {@code t=<unix seconds>,v1=<hex HMAC-SHA256>} over
 * {@code "<t>.<body>"} with the subscription's secret (its UTF-8 bytes) as key. The time is signed
 * too, so a receiver can refuse old messages replayed by someone who captured them.
 */
final class WebhookSignature {

  static final String HEADER = "X-Flowdesk-Signature";

  private WebhookSignature() {}

  static String header(final char[] secret, final long unixSeconds, final String body) {
    final ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(secret));
    final byte[] key = new byte[encoded.remaining()];
    encoded.get(key);
    try {
      final Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      final byte[] signature =
          mac.doFinal((unixSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
      return "t=" + unixSeconds + ",v1=" + HexFormat.of().formatHex(signature);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    } finally {
      Arrays.fill(key, (byte) 0);
      if (encoded.hasArray()) {
        Arrays.fill(encoded.array(), (byte) 0);
      }
    }
  }
}
