package io.flowdesk.app.change.calendar;

import io.flowdesk.app.record.InvalidRequestException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * What the calendar shows: the days from {@code first} to {@code last} (both included, UTC) and the
 * filters, each null for all: assignment group, a CI (changes affecting it) and a business service
 * (changes affecting a CI the service is made of).
 */
public record CalendarQuery(LocalDate first, LocalDate last, String group, UUID ci, UUID service) {

  /** About three months: a quarter of the longest months, plus a day. */
  static final int MAX_DAYS = 93;

  /**
   * A query from request parameters, every problem at once.
   *
   * @throws InvalidRequestException naming each parameter that is missing or wrong
   */
  static CalendarQuery parse(
      final String from,
      final String to,
      final String group,
      final String ci,
      final String service) {
    final Map<String, String> problems = new LinkedHashMap<>();
    final LocalDate first = date("from", from, problems);
    final LocalDate last = date("to", to, problems);
    if (first != null && last != null) {
      if (last.isBefore(first)) {
        problems.put("to", "must not be before from (" + first + ")");
      } else if (ChronoUnit.DAYS.between(first, last) + 1 > MAX_DAYS) {
        problems.put("to", "the range may span at most " + MAX_DAYS + " days (about three months)");
      }
    }
    final UUID ciId = id("ci", ci, problems);
    final UUID serviceId = id("service", service, problems);
    if (!problems.isEmpty()) {
      throw new InvalidRequestException(
          "The calendar range or a filter is wrong: " + String.join(", ", problems.keySet()) + ".",
          problems);
    }
    return new CalendarQuery(first, last, blankToNull(group), ciId, serviceId);
  }

  private static LocalDate date(
      final String name, final String text, final Map<String, String> problems) {
    if (text == null || text.isBlank()) {
      problems.put(name, "is required: an ISO date such as 2026-12-01");
      return null;
    }
    try {
      return LocalDate.parse(text.strip());
    } catch (DateTimeParseException e) {
      problems.put(name, "must be an ISO date such as 2026-12-01, was '" + text + "'");
      return null;
    }
  }

  static UUID id(final String name, final String text, final Map<String, String> problems) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return UUID.fromString(text.strip());
    } catch (IllegalArgumentException e) {
      problems.put(name, "must be a CI id (a UUID), was '" + text + "'");
      return null;
    }
  }

  static String blankToNull(final String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }
}
