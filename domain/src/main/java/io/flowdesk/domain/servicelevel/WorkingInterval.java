package io.flowdesk.domain.servicelevel;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Working time within one day, as minutes after midnight: {@code start} included, {@code end}
 * excluded; {@code end} 1440 is midnight at the end of the day ("24:00"), so an interval can run
 * into the next day's.
 */
public record WorkingInterval(int startMinute, int endMinute) {

  /** Minutes in a day; an interval ends at most here. */
  public static final int DAY = 24 * 60;

  /** The whole day, 00:00–24:00. */
  public static final WorkingInterval WHOLE_DAY = new WorkingInterval(0, DAY);

  private static final Pattern INTERVAL =
      Pattern.compile("([0-9]{1,2}):([0-9]{2})\\s*[-–]\\s*([0-9]{1,2}):([0-9]{2})");

  public WorkingInterval {
    if (startMinute < 0 || startMinute >= DAY || endMinute > DAY) {
      throw new IllegalArgumentException(
          "a working interval lies within 00:00–24:00, was " + text(startMinute, endMinute));
    }
    if (endMinute <= startMinute) {
      throw new IllegalArgumentException(
          "working interval " + text(startMinute, endMinute) + " ends before it starts");
    }
  }

  /**
   * A day's working hours as an admin writes them: intervals {@code HH:MM-HH:MM} separated by
   * commas, e.g. {@code 08:00-12:00, 13:00-17:00}; blank is a day off. Answers them in order.
   *
   * @throws IllegalArgumentException naming the interval that is malformed, ends before it starts
   *     or overlaps another
   */
  public static List<WorkingInterval> parseDay(final String text) {
    final List<WorkingInterval> intervals = new ArrayList<>();
    if (text == null || text.isBlank()) {
      return intervals;
    }
    for (final String part : text.split(",")) {
      final Matcher m = INTERVAL.matcher(part.strip());
      if (!m.matches()) {
        throw new IllegalArgumentException(
            "'" + part.strip() + "' is not a working interval such as 08:00-17:00");
      }
      intervals.add(
          new WorkingInterval(
              minute(m.group(1), m.group(2), part), minute(m.group(3), m.group(4), part)));
    }
    return ordered(intervals);
  }

  /**
   * {@code intervals} in order of their start.
   *
   * @throws IllegalArgumentException when two of them overlap
   */
  public static List<WorkingInterval> ordered(final List<WorkingInterval> intervals) {
    final List<WorkingInterval> sorted = new ArrayList<>(intervals);
    sorted.sort(Comparator.comparingInt(WorkingInterval::startMinute));
    for (int i = 1; i < sorted.size(); i++) {
      final WorkingInterval before = sorted.get(i - 1);
      final WorkingInterval after = sorted.get(i);
      if (after.startMinute() < before.endMinute()) {
        throw new IllegalArgumentException(
            "working intervals " + before + " and " + after + " overlap");
      }
    }
    return List.copyOf(sorted);
  }

  private static int minute(final String hours, final String minutes, final String part) {
    final int h = Integer.parseInt(hours);
    final int m = Integer.parseInt(minutes);
    if (m > 59 || h > 24 || (h == 24 && m > 0)) {
      throw new IllegalArgumentException("'" + part.strip() + "' is not a time of day");
    }
    return h * 60 + m;
  }

  /** The length in minutes. */
  public int minutes() {
    return endMinute - startMinute;
  }

  @Override
  public String toString() {
    return text(startMinute, endMinute);
  }

  private static String text(final int start, final int end) {
    return clock(start) + "-" + clock(end);
  }

  private static String clock(final int minute) {
    return String.format(Locale.ROOT, "%02d:%02d", minute / 60, minute % 60);
  }
}
