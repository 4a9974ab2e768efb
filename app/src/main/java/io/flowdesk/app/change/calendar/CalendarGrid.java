package io.flowdesk.app.change.calendar;

import io.flowdesk.domain.change.ScheduledChange;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The days of a month or week page (Monday to Sunday rows, UTC) with what falls on each: a change
 * on every day its planned window touches (marked where it starts, continues and ends), the
 * maintenance windows of its CIs and the blackout windows.
 */
public record CalendarGrid(
    String view,
    LocalDate anchor,
    String title,
    LocalDate previous,
    LocalDate next,
    List<List<Day>> weeks) {

  static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMMM yyyy", Locale.ENGLISH);
  static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);
  static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);

  /** One change's part on one day. */
  public record Chip(
      String number,
      String summary,
      String state,
      String time,
      boolean starts,
      boolean ends,
      List<String> conflicts) {}

  /** A maintenance or blackout window's part on one day. */
  public record Window(String name, String time) {}

  /**
   * A day's cell: what it shows and how many more items the week view has for it ({@code more}, 0
   * on the week view, which shows everything).
   */
  public record Day(
      LocalDate date,
      boolean inPeriod,
      boolean today,
      List<Chip> changes,
      List<Window> maintenance,
      List<Window> blackouts,
      int more) {}

  /**
   * Lines a month cell shows before "+N more": a busy day (thirty changes and the maintenance
   * windows of their CIs) would otherwise make a row taller than the screen and the page hundreds
   * of kilobytes. Blackouts come first, then the changes with conflicts, then the others by time,
   * then maintenance windows.
   */
  static final int MONTH_LINES = 4;

  /** The first and last day a {@code view} ("month" or "week") page around {@code anchor} shows. */
  static LocalDate[] span(final String view, final LocalDate anchor) {
    if ("week".equals(view)) {
      final LocalDate monday = anchor.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      return new LocalDate[] {monday, monday.plusDays(6)};
    }
    return new LocalDate[] {
      anchor.withDayOfMonth(1).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)),
      anchor
          .with(TemporalAdjusters.lastDayOfMonth())
          .with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY))
    };
  }

  static CalendarGrid of(
      final String view,
      final LocalDate anchor,
      final LocalDate today,
      final ChangeCalendar.Content content) {
    final boolean week = "week".equals(view);
    final LocalDate first = content.query().first();
    final LocalDate last = content.query().last();
    final List<List<Day>> weeks = new ArrayList<>();
    List<Day> row = new ArrayList<>();
    for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
      final Day all = day(day, week || day.getMonth() == anchor.getMonth(), today, content);
      row.add(week ? all : capped(all));
      if (row.size() == 7) {
        weeks.add(List.copyOf(row));
        row = new ArrayList<>();
      }
    }
    final String title =
        week ? "Week of " + DAY.format(first) + " – " + DAY.format(last) : MONTH.format(anchor);
    return new CalendarGrid(
        week ? "week" : "month",
        anchor,
        title,
        week ? anchor.minusWeeks(1) : anchor.minusMonths(1).withDayOfMonth(1),
        week ? anchor.plusWeeks(1) : anchor.plusMonths(1).withDayOfMonth(1),
        List.copyOf(weeks));
  }

  private static Day day(
      final LocalDate date,
      final boolean inPeriod,
      final LocalDate today,
      final ChangeCalendar.Content content) {
    final Instant start = date.atStartOfDay().toInstant(ZoneOffset.UTC);
    final Instant end = date.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    final List<Chip> changes = new ArrayList<>();
    for (final ChangeCalendar.Entry entry : content.changes()) {
      final ScheduledChange change = entry.change();
      if (change.plannedStart().isBefore(end) && change.plannedEnd().isAfter(start)) {
        final boolean starts = !change.plannedStart().isBefore(start);
        final boolean ends = !change.plannedEnd().isAfter(end);
        changes.add(
            new Chip(
                change.number(),
                change.shortDescription(),
                change.state().label(),
                time(change.plannedStart(), change.plannedEnd(), start, end),
                starts,
                ends,
                entry.conflicts()));
      }
    }
    final List<Window> maintenance = new ArrayList<>();
    for (final ChangeCalendar.Maintenance window : content.maintenance()) {
      if (window.start().isBefore(end) && window.end().isAfter(start)) {
        maintenance.add(new Window(window.ci(), time(window.start(), window.end(), start, end)));
      }
    }
    final List<Window> blackouts = new ArrayList<>();
    for (final CalendarOverlays.Blackout blackout : content.blackouts()) {
      if (blackout.start().isBefore(end) && blackout.end().isAfter(start)) {
        blackouts.add(
            new Window(blackout.name(), time(blackout.start(), blackout.end(), start, end)));
      }
    }
    return new Day(
        date,
        inPeriod,
        date.equals(today),
        List.copyOf(changes),
        List.copyOf(maintenance),
        List.copyOf(blackouts),
        0);
  }

  private static Day capped(final Day day) {
    final int lines = day.blackouts().size() + day.changes().size() + day.maintenance().size();
    if (lines <= MONTH_LINES) {
      return day;
    }
    // One line goes to "+N more".
    int room = MONTH_LINES - 1;
    final List<Window> blackouts =
        day.blackouts().subList(0, Math.min(room, day.blackouts().size()));
    room -= blackouts.size();
    final List<Chip> changes =
        day.changes().stream()
            .sorted(Comparator.comparing((Chip chip) -> chip.conflicts().isEmpty()))
            .limit(room)
            .sorted(Comparator.comparing(day.changes()::indexOf))
            .toList();
    room -= changes.size();
    final List<Window> maintenance =
        day.maintenance().subList(0, Math.min(room, day.maintenance().size()));
    final int shown = blackouts.size() + changes.size() + maintenance.size();
    return new Day(
        day.date(),
        day.inPeriod(),
        day.today(),
        changes,
        List.copyOf(maintenance),
        List.copyOf(blackouts),
        lines - shown);
  }

  /** "02:00–06:00" on the day; "…" where the period runs on from or into another day. */
  private static String time(
      final Instant from, final Instant to, final Instant dayStart, final Instant dayEnd) {
    final String begin = from.isBefore(dayStart) ? "…" : HOUR.format(from.atOffset(ZoneOffset.UTC));
    final String finish = to.isAfter(dayEnd) ? "…" : HOUR.format(to.atOffset(ZoneOffset.UTC));
    return begin + "–" + (finish.equals("00:00") && !to.isAfter(dayEnd) ? "24:00" : finish);
  }
}
