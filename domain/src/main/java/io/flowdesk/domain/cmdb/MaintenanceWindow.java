package io.flowdesk.domain.cmdb;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When changes to a CI may be made: weekly time ranges in UTC, written {@code "Sun 02:00-06:00"},
 * several separated by commas ({@code "Sat 22:00-24:00, Sun 00:00-04:00"}); the day is {@code
 * Mon}...{@code Sun}, {@code Mon-Fri} style ranges or {@code daily}. A range ends after it starts
 * on the same day ({@code 24:00} is the day's end); one crossing midnight is written as two.
 * Deliberately no cron: a weekly table is what owners agree on and what the change calendar draws.
 */
public record MaintenanceWindow(List<Slot> slots) {

  /**
   * One weekly range: on each day from {@code firstDay} to {@code lastDay} (wrapping over Sunday,
   * so Sat-Mon is three days; Mon-Sun every day), from {@code start} until {@code end}.
   */
  public record Slot(DayOfWeek firstDay, DayOfWeek lastDay, LocalTime start, LocalTime end) {

    boolean contains(final DayOfWeek day, final LocalTime time) {
      final int offset = Math.floorMod(day.getValue() - firstDay.getValue(), 7);
      return offset <= Math.floorMod(lastDay.getValue() - firstDay.getValue(), 7)
          && !time.isBefore(start)
          && (end.equals(LocalTime.MAX) || time.isBefore(end));
    }

    @Override
    public String toString() {
      final String days =
          firstDay.plus(6) == lastDay
              ? "daily"
              : firstDay == lastDay ? name(firstDay) : name(firstDay) + "-" + name(lastDay);
      return days + " " + start + "-" + (end.equals(LocalTime.MAX) ? "24:00" : end);
    }
  }

  private static final Pattern SLOT =
      Pattern.compile(
          "(?i)\\s*(daily|[a-z]{3}(?:-[a-z]{3})?)\\s+(\\d{1,2}:\\d{2})\\s*-\\s*(\\d{1,2}:\\d{2})\\s*");

  public MaintenanceWindow {
    slots = List.copyOf(slots);
  }

  /**
   * The window a text describes; null or blank is no window (null).
   *
   * @throws InvalidCiException field {@code maintenanceWindow}, naming the part not understood
   */
  public static MaintenanceWindow parse(final String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    final List<Slot> slots = new ArrayList<>();
    for (final String part : text.split("[,;]")) {
      if (part.isBlank()) {
        continue;
      }
      final Matcher matcher = SLOT.matcher(part);
      if (!matcher.matches()) {
        throw invalid("'" + part.strip() + "' is not like 'Sun 02:00-06:00'");
      }
      final LocalTime start = time(matcher.group(2), false);
      final LocalTime end = time(matcher.group(3), true);
      if (!end.isAfter(start)) {
        throw invalid(
            "'" + part.strip() + "' ends before it starts (write a range over midnight as two)");
      }
      final String days = matcher.group(1);
      slots.add(
          days.equalsIgnoreCase("daily")
              ? new Slot(DayOfWeek.MONDAY, DayOfWeek.SUNDAY, start, end)
              : new Slot(
                  day(days.split("-")[0]),
                  day(days.substring(days.lastIndexOf('-') + 1)),
                  start,
                  end));
    }
    if (slots.isEmpty()) {
      return null;
    }
    return new MaintenanceWindow(slots);
  }

  /** Whether {@code instant} falls in the window. */
  public boolean contains(final Instant instant) {
    final ZonedDateTime utc = instant.atZone(ZoneOffset.UTC);
    return slots.stream().anyMatch(s -> s.contains(utc.getDayOfWeek(), utc.toLocalTime()));
  }

  /**
   * Whether every instant from {@code from} (inclusive) to {@code to} (exclusive) falls in the
   * window: the change window lies within it. Walks from slot to slot (adjacent slots, such as
   * {@code Sat 22:00-24:00, Sun 00:00-04:00}, join), so a long window costs one step per slot it
   * crosses, not per minute.
   */
  public boolean covers(final Instant from, final Instant to) {
    ZonedDateTime at = from.atZone(ZoneOffset.UTC);
    final ZonedDateTime end = to.atZone(ZoneOffset.UTC);
    while (at.isBefore(end)) {
      final ZonedDateTime now = at;
      final ZonedDateTime slotEnd =
          slots.stream()
              .filter(s -> s.contains(now.getDayOfWeek(), now.toLocalTime()))
              .map(
                  s ->
                      s.end().equals(LocalTime.MAX)
                          ? now.toLocalDate().plusDays(1).atStartOfDay(ZoneOffset.UTC)
                          : now.toLocalDate().atTime(s.end()).atZone(ZoneOffset.UTC))
              .max(ZonedDateTime::compareTo)
              .orElse(null);
      if (slotEnd == null) {
        return false;
      }
      at = slotEnd;
    }
    return true;
  }

  /** The canonical text ({@code "Sun 02:00-06:00, Mon-Fri 22:00-23:00"}), as stored. */
  @Override
  public String toString() {
    return String.join(", ", slots.stream().map(Slot::toString).toList());
  }

  private static DayOfWeek day(final String text) {
    for (final DayOfWeek day : DayOfWeek.values()) {
      if (name(day).equalsIgnoreCase(text)) {
        return day;
      }
    }
    throw invalid("'" + text + "' is not a day (Mon, Tue, Wed, Thu, Fri, Sat, Sun or daily)");
  }

  private static LocalTime time(final String text, final boolean end) {
    final String[] parts = text.split(":");
    final int hour = Integer.parseInt(parts[0]);
    final int minute = Integer.parseInt(parts[1]);
    if (end && hour == 24 && minute == 0) {
      return LocalTime.MAX;
    }
    if (hour > 23 || minute > 59) {
      throw invalid("'" + text + "' is not a time of day (00:00 to 24:00)");
    }
    return LocalTime.of(hour, minute);
  }

  private static String name(final DayOfWeek day) {
    return day.getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
  }

  private static InvalidCiException invalid(final String message) {
    return new InvalidCiException("maintenanceWindow", message);
  }
}
