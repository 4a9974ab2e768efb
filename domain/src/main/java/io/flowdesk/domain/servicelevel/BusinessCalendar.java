package io.flowdesk.domain.servicelevel;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * When SLA clocks run: working intervals per weekday and holidays, in a time zone. Answers due
 * dates ({@link #plus}) and elapsed time ({@link #between}) counting only working time, so a 4 h
 * target reported Friday 16:30 on a Mon–Fri 08:00–17:00 calendar is due Monday 11:30. Intervals are
 * local times of the zone, so across a daylight-saving change a working day keeps its hours
 * (08:00–17:00 stays nine hours); a whole-day interval has 23 or 25 hours that day. Immutable.
 */
public record BusinessCalendar(
    ZoneId zone, Map<DayOfWeek, List<WorkingInterval>> week, List<Holiday> holidays) {

  /** Today's behaviour: every hour of every day counts, no holidays. */
  public static final BusinessCalendar AROUND_THE_CLOCK = aroundTheClock(ZoneId.of("UTC"));

  // A due date further than this is a calendar nobody meant (e.g. holidays on every working day).
  private static final int MAX_DAYS = 3660;

  /**
   * @throws IllegalArgumentException when a day's intervals overlap or no weekday has working time
   */
  public BusinessCalendar {
    if (zone == null) {
      throw new IllegalArgumentException("a schedule needs a time zone");
    }
    final Map<DayOfWeek, List<WorkingInterval>> days = new EnumMap<>(DayOfWeek.class);
    for (final DayOfWeek day : DayOfWeek.values()) {
      days.put(
          day,
          WorkingInterval.ordered(week == null ? List.of() : week.getOrDefault(day, List.of())));
    }
    if (days.values().stream().allMatch(List::isEmpty)) {
      throw new IllegalArgumentException("a schedule needs working hours on at least one weekday");
    }
    week = Map.copyOf(days);
    holidays = holidays == null ? List.of() : List.copyOf(holidays);
  }

  /** Every day 00:00–24:00 in {@code zone}, no holidays. */
  public static BusinessCalendar aroundTheClock(final ZoneId zone) {
    final Map<DayOfWeek, List<WorkingInterval>> days = new EnumMap<>(DayOfWeek.class);
    for (final DayOfWeek day : DayOfWeek.values()) {
      days.put(day, List.of(WorkingInterval.WHOLE_DAY));
    }
    return new BusinessCalendar(zone, days, List.of());
  }

  /** The working intervals of {@code day} of the week, in order. */
  public List<WorkingInterval> hours(final DayOfWeek day) {
    return week.get(day);
  }

  /**
   * The instant when {@code workingTime} of working time has passed since {@code start}; {@code
   * start} itself for zero. A target that ends exactly at the close of an interval is due then, not
   * at the next opening.
   *
   * @throws IllegalArgumentException for a negative duration
   */
  public Instant plus(final Instant start, final Duration workingTime) {
    if (workingTime.isNegative()) {
      throw new IllegalArgumentException("working time must not be negative, was " + workingTime);
    }
    if (workingTime.isZero()) {
      return start;
    }
    Duration left = workingTime;
    LocalDate day = start.atZone(zone).toLocalDate();
    for (int i = 0; i < MAX_DAYS; i++, day = day.plusDays(1)) {
      for (final Span span : spans(day)) {
        final Instant from = later(span.from(), start);
        if (!from.isBefore(span.to())) {
          continue;
        }
        final Duration available = Duration.between(from, span.to());
        if (left.compareTo(available) <= 0) {
          return from.plus(left);
        }
        left = left.minus(available);
      }
    }
    throw new IllegalStateException(
        "the schedule has less than " + workingTime + " of working time in ten years");
  }

  /** The working time from {@code from} to {@code to}; negative when {@code to} is earlier. */
  public Duration between(final Instant from, final Instant to) {
    if (to.isBefore(from)) {
      return between(to, from).negated();
    }
    Duration total = Duration.ZERO;
    final LocalDate last = to.atZone(zone).toLocalDate();
    for (LocalDate day = from.atZone(zone).toLocalDate();
        !day.isAfter(last);
        day = day.plusDays(1)) {
      for (final Span span : spans(day)) {
        final Instant start = later(span.from(), from);
        final Instant end = span.to().isBefore(to) ? span.to() : to;
        if (start.isBefore(end)) {
          total = total.plus(Duration.between(start, end));
        }
      }
    }
    return total;
  }

  /** Whether {@code day} is one of the holidays. */
  public boolean isHoliday(final LocalDate day) {
    return holidays.stream().anyMatch(h -> h.covers(day));
  }

  private List<Span> spans(final LocalDate day) {
    if (isHoliday(day)) {
      return List.of();
    }
    final List<Span> spans = new ArrayList<>();
    for (final WorkingInterval interval : week.get(day.getDayOfWeek())) {
      spans.add(new Span(at(day, interval.startMinute()), at(day, interval.endMinute())));
    }
    return spans;
  }

  private Instant at(final LocalDate day, final int minute) {
    // Local times in a daylight-saving gap move forward, in an overlap take the earlier offset.
    return ZonedDateTime.of(day.atStartOfDay().plusMinutes(minute), zone).toInstant();
  }

  private static Instant later(final Instant a, final Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private record Span(Instant from, Instant to) {}
}
