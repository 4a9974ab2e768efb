package io.flowdesk.app.audit;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Which entries of the admin audit trail to show or export: each given text must equal the entry's
 * actor, action or target; {@code from} is inclusive, {@code to} exclusive; null means any.
 */
public record AuditFilter(String actor, String action, String target, Instant from, Instant to) {

  public static final AuditFilter ALL = new AuditFilter(null, null, null, null, null);

  /**
   * The filter typed into the page or the API's parameters. Times are UTC: an instant ({@code
   * 2026-12-06T21:00:00Z}), a date and time as a browser's date-time field sends it ({@code
   * 2026-12-06T21:00}) or a date ({@code 2026-12-06}; as {@code to} it includes that whole day).
   *
   * @throws IllegalArgumentException naming the field and the value it cannot read
   */
  public static AuditFilter parse(
      final String actor,
      final String action,
      final String target,
      final String from,
      final String to) {
    final Instant start = time("from", from, false);
    final Instant end = time("to", to, true);
    if (start != null && end != null && !start.isBefore(end)) {
      throw new IllegalArgumentException(
          "'from' (" + from.strip() + ") must be before 'to' (" + to.strip() + ").");
    }
    return new AuditFilter(text(actor), text(action), text(target), start, end);
  }

  private static String text(final String typed) {
    return typed == null || typed.isBlank() ? null : typed.strip();
  }

  private static Instant time(final String field, final String typed, final boolean endOfDay) {
    final String text = text(typed);
    if (text == null) {
      return null;
    }
    try {
      if (text.length() == 10) {
        final LocalDate day = LocalDate.parse(text);
        return (endOfDay ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      if (text.endsWith("Z") || text.matches(".*[+-]\\d\\d:\\d\\d$")) {
        return java.time.OffsetDateTime.parse(text).toInstant();
      }
      return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "'"
              + field
              + "' is not a time: '"
              + text
              + "' (give e.g. 2026-12-06, 2026-12-06T21:00 or 2026-12-06T21:00:00Z, in UTC).",
          e);
    }
  }
}
