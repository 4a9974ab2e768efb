package io.flowdesk.domain.servicelevel;

import java.time.LocalDate;
import java.time.MonthDay;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * A day the service desk does not count: one date, or (yearly) that month and day every year, such
 * as 25 December.
 */
public record Holiday(LocalDate date, boolean yearly) {

  public Holiday {
    if (date == null) {
      throw new IllegalArgumentException("a holiday needs a date");
    }
  }

  /** Whether {@code day} is this holiday. */
  public boolean covers(final LocalDate day) {
    return yearly ? MonthDay.from(date).equals(MonthDay.from(day)) : date.equals(day);
  }

  /**
   * Holidays as an admin writes them, one a line: {@code 2026-12-24}, or {@code 2026-12-25 yearly}
   * for every 25 December; blank lines are skipped.
   *
   * @throws IllegalArgumentException naming the line that is not such a holiday
   */
  public static List<Holiday> parseLines(final String text) {
    final List<Holiday> holidays = new ArrayList<>();
    if (text == null) {
      return holidays;
    }
    for (final String raw : text.split("\\R")) {
      final String line = raw.strip();
      if (line.isEmpty()) {
        continue;
      }
      final String[] words = line.split("\\s+");
      final boolean yearly = words.length == 2 && words[1].equalsIgnoreCase("yearly");
      if (words.length > 2 || (words.length == 2 && !yearly)) {
        throw new IllegalArgumentException(
            "'" + line + "' is not a holiday such as 2026-12-24 or 2026-12-25 yearly");
      }
      try {
        holidays.add(new Holiday(LocalDate.parse(words[0]), yearly));
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(
            "'" + words[0] + "' is not a date such as 2026-12-24 (year-month-day)");
      }
    }
    return holidays;
  }

  @Override
  public String toString() {
    return yearly ? date + " yearly" : date.toString();
  }
}
