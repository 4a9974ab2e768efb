package io.flowdesk.engine.execution;

import io.flowdesk.engine.model.EventDefinition.Timer;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.Temporal;
import java.time.temporal.TemporalAmount;
import java.time.temporal.TemporalUnit;
import java.util.List;
import org.springframework.scheduling.support.CronExpression;

/**
 * When a timer is due, as Zeebe reads timer values: an ISO 8601 date-time ({@code timeDate}), an
 * ISO 8601 duration ({@code timeDuration}), or a cycle ({@code timeCycle}): a repeating interval
 * {@code R[n]/[start/]duration} or a cron expression (six fields, Spring's syntax, as Zeebe
 * accepts).
 *
 * @param dueDate the first due date
 * @param repetitions repetitions after the first: 0 none, -1 unbounded
 * @param cycle what computes the following due dates; null when there are none
 */
public record TimerSchedule(Instant dueDate, int repetitions, String cycle) {

  public static TimerSchedule of(final Timer.Kind kind, final String value, final Instant now) {
    final String text = value.strip();
    return switch (kind) {
      case DATE -> new TimerSchedule(date(text), 0, null);
      case DURATION -> new TimerSchedule(plus(now, duration(text)), 0, null);
      case CYCLE -> cycle(text, now);
    };
  }

  /** The due date after {@code previous} in the cycle {@code cycle}. */
  public static Instant next(final String cycle, final Instant previous) {
    if (cycle.startsWith("R")) {
      final String[] parts = cycle.split("/", 0);
      return plus(previous, duration(parts[parts.length - 1]));
    }
    return nextCron(cycle, previous);
  }

  private static TimerSchedule cycle(final String text, final Instant now) {
    if (!text.startsWith("R")) {
      return new TimerSchedule(nextCron(text, now), -1, text);
    }
    final String[] parts = text.split("/", 0);
    if (parts.length < 2 || parts.length > 3) {
      throw invalid(text, "a repeating interval 'R[n]/[start/]duration'");
    }
    final int total;
    try {
      total = parts[0].length() == 1 ? -1 : Integer.parseInt(parts[0].substring(1));
    } catch (NumberFormatException e) {
      throw invalid(text, "a repetition count after 'R'");
    }
    final TemporalAmount interval = duration(parts[parts.length - 1]);
    final Instant due = parts.length == 3 ? date(parts[1]) : plus(now, interval);
    final int after = total < 0 ? -1 : Math.max(total - 1, 0);
    return new TimerSchedule(due, after, text);
  }

  private static Instant nextCron(final String text, final Instant after) {
    final CronExpression cron;
    try {
      cron = CronExpression.parse(text);
    } catch (IllegalArgumentException e) {
      throw invalid(text, "a repeating interval 'R[n]/[start/]duration' or a cron expression");
    }
    final ZonedDateTime next = cron.next(after.atZone(ZoneOffset.UTC));
    if (next == null) {
      throw invalid(text, "a cron expression that fires again");
    }
    return next.toInstant();
  }

  private static Instant date(final String text) {
    try {
      return ZonedDateTime.parse(text, DateTimeFormatter.ISO_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      try {
        // A date-time without offset is read as UTC, as Zeebe does.
        return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException again) {
        throw invalid(text, "an ISO 8601 date-time, e.g. '2026-12-24T18:00:00Z'");
      }
    }
  }

  private static TemporalAmount duration(final String text) {
    try {
      final int time = text.indexOf('T');
      if (time < 0) {
        return Period.parse(text);
      }
      if (time == 1) {
        return Duration.parse(text);
      }
      return new PeriodAndDuration(
          Period.parse(text.substring(0, time)), Duration.parse("P" + text.substring(time)));
    } catch (DateTimeParseException e) {
      throw invalid(text, "an ISO 8601 duration, e.g. 'PT15M' or 'P3D'");
    }
  }

  private static Instant plus(final Instant instant, final TemporalAmount amount) {
    try {
      return instant.atZone(ZoneOffset.UTC).plus(amount).toInstant();
    } catch (DateTimeException | ArithmeticException e) {
      throw new IllegalArgumentException("The timer lies beyond the supported range", e);
    }
  }

  private static IllegalArgumentException invalid(final String text, final String expected) {
    return new IllegalArgumentException(
        "Expected the timer to be " + expected + ", but was '" + text + "'");
  }

  /** An ISO duration with both date and time parts, e.g. {@code P1DT12H}. */
  private record PeriodAndDuration(Period period, Duration duration) implements TemporalAmount {
    @Override
    public long get(final TemporalUnit unit) {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<TemporalUnit> getUnits() {
      return List.of();
    }

    @Override
    public Temporal addTo(final Temporal temporal) {
      return temporal.plus(period).plus(duration);
    }

    @Override
    public Temporal subtractFrom(final Temporal temporal) {
      return temporal.minus(period).minus(duration);
    }
  }
}
