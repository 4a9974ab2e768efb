package io.flowdesk.app.change.calendar;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * Writes an iCalendar object (RFC 5545) by hand: CRLF line ends, content lines folded at 75 octets
 * without splitting a UTF-8 character, TEXT values escaped (backslash, semicolon, comma, newline),
 * every time in UTC. Small enough that a library would be more to trust than to write.
 */
final class ICalendar {

  private static final String CRLF = "\r\n";
  private static final int MAX_OCTETS = 75;
  private static final DateTimeFormatter UTC =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final StringBuilder out = new StringBuilder();

  ICalendar(final String productId, final String name) {
    line("BEGIN:VCALENDAR");
    line("VERSION:2.0");
    line("PRODID:" + text(productId));
    line("CALSCALE:GREGORIAN");
    line("METHOD:PUBLISH");
    line("X-WR-CALNAME:" + text(name));
  }

  /** One event; {@code uid} must stay the same for the same thing across downloads. */
  ICalendar event(
      final String uid,
      final Instant stamp,
      final Instant start,
      final Instant end,
      final String summary,
      final String description,
      final String url,
      final String status) {
    line("BEGIN:VEVENT");
    line("UID:" + text(uid));
    line("DTSTAMP:" + UTC.format(stamp.truncatedTo(ChronoUnit.SECONDS)));
    line("DTSTART:" + UTC.format(start.truncatedTo(ChronoUnit.SECONDS)));
    line("DTEND:" + UTC.format(end.truncatedTo(ChronoUnit.SECONDS)));
    line("SUMMARY:" + text(summary));
    if (description != null && !description.isBlank()) {
      line("DESCRIPTION:" + text(description));
    }
    if (url != null) {
      // URL is of type URI, not TEXT: not escaped, only folded.
      line("URL:" + url);
    }
    if (status != null) {
      line("STATUS:" + status);
    }
    line("END:VEVENT");
    return this;
  }

  String end() {
    line("END:VCALENDAR");
    return out.toString();
  }

  /** A TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and newlines escaped. */
  static String text(final String value) {
    final StringBuilder escaped = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      final char c = value.charAt(i);
      switch (c) {
        case '\\' -> escaped.append("\\\\");
        case ';' -> escaped.append("\\;");
        case ',' -> escaped.append("\\,");
        case '\n' -> escaped.append("\\n");
        case '\r' -> {
          if (i + 1 >= value.length() || value.charAt(i + 1) != '\n') {
            escaped.append("\\n");
          }
        }
        default -> {
          // Other control characters are not allowed in TEXT; a space keeps the words apart.
          escaped.append(Character.isISOControl(c) && c != '\t' ? ' ' : c);
        }
      }
    }
    return escaped.toString();
  }

  /** Appends a content line folded at 75 octets: CRLF and one space before each continuation. */
  private void line(final String content) {
    int octets = 0;
    for (int i = 0; i < content.length(); ) {
      final int codePoint = content.codePointAt(i);
      final int size =
          new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
      if (octets + size > MAX_OCTETS) {
        out.append(CRLF).append(' ');
        octets = 1;
      }
      out.appendCodePoint(codePoint);
      octets += size;
      i += Character.charCount(codePoint);
    }
    out.append(CRLF);
  }
}
