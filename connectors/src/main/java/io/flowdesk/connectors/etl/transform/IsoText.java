package io.flowdesk.connectors.etl.transform;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * Reads the common ISO-8601 shapes {@code yyyy-MM-dd} and {@code yyyy-MM-dd[T| ]HH:mm[:ss[.f]]}
 * digit by digit. {@link java.time.format.DateTimeFormatter} costs about a microsecond per value,
 * which on a ten-column load is more than the rest of the cast together; anything not in these
 * shapes is left to it.
 */
final class IsoText {

  private IsoText() {}

  /** The date in {@code text}, or null when it is not exactly {@code yyyy-MM-dd}. */
  static LocalDate date(final String text) {
    if (text.length() != 10 || text.charAt(4) != '-' || text.charAt(7) != '-') {
      return null;
    }
    final int year = digits(text, 0, 4);
    final int month = digits(text, 5, 7);
    final int day = digits(text, 8, 10);
    if ((year | month | day) < 0) {
      return null;
    }
    try {
      return LocalDate.of(year, month, day);
    } catch (DateTimeException e) {
      return null;
    }
  }

  /** The timestamp in {@code text}, or null when it is not in the shape above. */
  static LocalDateTime timestamp(final String text) {
    final int length = text.length();
    if (length < 16) {
      return null;
    }
    final LocalDate date = date(text.substring(0, 10));
    final char separator = text.charAt(10);
    if (date == null || (separator != 'T' && separator != ' ') || text.charAt(13) != ':') {
      return null;
    }
    final int hour = digits(text, 11, 13);
    final int minute = digits(text, 14, 16);
    int second = 0;
    int nanos = 0;
    if (length > 16) {
      if (length < 19 || text.charAt(16) != ':') {
        return null;
      }
      second = digits(text, 17, 19);
      if (length > 19) {
        if (text.charAt(19) != '.' || length == 20 || length > 29) {
          return null;
        }
        final int fraction = digits(text, 20, length);
        if (fraction < 0) {
          return null;
        }
        nanos = fraction;
        for (int i = length - 20; i < 9; i++) {
          nanos *= 10;
        }
      }
    }
    if ((hour | minute | second) < 0) {
      return null;
    }
    try {
      return date.atTime(hour, minute, second, nanos);
    } catch (DateTimeException e) {
      return null;
    }
  }

  /** The decimal number in {@code text[from, to)}, or -1 when a character is not a digit. */
  private static int digits(final String text, final int from, final int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      final char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }
}
