package io.flowdesk.connectors.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.ParseException;
import java.util.Locale;
import java.util.Set;

/** Tells person-written mail from auto-replies and bounces by headers and structure. */
final class MailClassifier {

  private static final Set<String> BOUNCE_SENDERS = Set.of("mailer-daemon", "postmaster");
  private static final Set<String> AUTOMATIC_PRECEDENCE =
      Set.of("bulk", "auto_reply", "list", "junk");
  private static final String[] AUTOREPLY_MARKERS = {
    "X-Autoreply", "X-Autorespond", "X-Auto-Response-Suppress"
  };

  private MailClassifier() {}

  static InboundMailKind classify(final Part message, final String fromAddress)
      throws MessagingException {
    if (isBounce(message, fromAddress)) {
      return InboundMailKind.BOUNCE;
    }
    return isAutoReply(message) ? InboundMailKind.AUTO_REPLY : InboundMailKind.MESSAGE;
  }

  // Checked before auto-replies: delivery reports often carry Auto-Submitted too.
  private static boolean isBounce(final Part message, final String fromAddress)
      throws MessagingException {
    final int at = fromAddress.indexOf('@');
    final String localPart = (at < 0 ? fromAddress : fromAddress.substring(0, at));
    if (BOUNCE_SENDERS.contains(localPart.toLowerCase(Locale.ROOT))) {
      return true;
    }
    try {
      final ContentType type = new ContentType(message.getContentType());
      return type.match("multipart/report")
          && "delivery-status".equalsIgnoreCase(type.getParameter("report-type"));
    } catch (ParseException malformed) {
      return false;
    }
  }

  private static boolean isAutoReply(final Part message) throws MessagingException {
    final String autoSubmitted = first(message, "Auto-Submitted");
    if (autoSubmitted != null && !"no".equals(keyword(autoSubmitted))) {
      return true;
    }
    for (final String marker : AUTOREPLY_MARKERS) {
      final String value = first(message, marker);
      if (value != null && !value.isBlank()) {
        return true;
      }
    }
    final String precedence = first(message, "Precedence");
    return precedence != null && AUTOMATIC_PRECEDENCE.contains(keyword(precedence));
  }

  /** The header's value without comments or parameters, lower case. */
  private static String keyword(final String value) {
    return value.replaceAll("\\(.*?\\)", "").split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
  }

  private static String first(final Part message, final String header) throws MessagingException {
    final String[] values = message.getHeader(header);
    return values == null || values.length == 0 ? null : values[0];
  }
}
