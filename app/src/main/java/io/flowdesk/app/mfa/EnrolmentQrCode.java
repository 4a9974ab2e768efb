package io.flowdesk.app.mfa;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * The {@code otpauth://totp/...} URI authenticator apps scan (the key URI format every common app
 * reads), as a QR code in an SVG {@code data:} URI for an {@code <img>} (the pages' CSP allows
 * images from {@code data:}, and an image cannot run anything).
 */
final class EnrolmentQrCode {

  static final String ISSUER = "Flowdesk";
  // Modules of white border around the code, as the QR specification asks for scanning.
  private static final int QUIET_ZONE = 4;

  private EnrolmentQrCode() {}

  static String otpauthUri(final String username, final String base32Key) {
    final String label = encode(ISSUER) + ":" + encode(username);
    return "otpauth://totp/"
        + label
        + "?secret="
        + base32Key
        + "&issuer="
        + encode(ISSUER)
        + "&algorithm=SHA1&digits="
        + Totp.DIGITS
        + "&period="
        + Totp.STEP.getSeconds();
  }

  /** The QR code of {@code text} as {@code data:image/svg+xml;base64,...}. */
  static String svgDataUri(final String text) {
    final BitMatrix modules;
    try {
      modules =
          new QRCodeWriter()
              .encode(
                  text,
                  BarcodeFormat.QR_CODE,
                  0,
                  0,
                  Map.of(
                      EncodeHintType.ERROR_CORRECTION,
                      ErrorCorrectionLevel.M,
                      EncodeHintType.MARGIN,
                      QUIET_ZONE,
                      EncodeHintType.CHARACTER_SET,
                      "UTF-8"));
    } catch (WriterException e) {
      throw new IllegalStateException("an otpauth URI always fits a QR code", e);
    }
    final int width = modules.getWidth();
    final int height = modules.getHeight();
    final StringBuilder path = new StringBuilder();
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        if (modules.get(x, y)) {
          path.append('M').append(x).append(' ').append(y).append("h1v1h-1z");
        }
      }
    }
    final String svg =
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 "
            + width
            + " "
            + height
            + "\" shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\""
            + " fill=\"#fff\"/><path fill=\"#000\" d=\""
            + path
            + "\"/></svg>";
    return "data:image/svg+xml;base64,"
        + Base64.getEncoder().encodeToString(svg.getBytes(StandardCharsets.UTF_8));
  }

  private static String encode(final String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
