package io.flowdesk.app.servicelevel;

import io.flowdesk.domain.servicelevel.BusinessCalendar;
import io.flowdesk.domain.servicelevel.Holiday;
import io.flowdesk.domain.servicelevel.Schedule;
import io.flowdesk.domain.servicelevel.WorkingInterval;
import java.time.DayOfWeek;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A schedule as the service levels page lists it: hours per weekday as text, holidays. */
record ScheduleView(
    long id, String name, String zone, Map<DayOfWeek, String> hours, List<String> holidays) {

  static ScheduleView of(final Schedule schedule) {
    final Map<DayOfWeek, String> hours = new LinkedHashMap<>();
    for (final DayOfWeek day : DayOfWeek.values()) {
      hours.put(day, hours(schedule.calendar(), day));
    }
    return new ScheduleView(
        schedule.id(),
        schedule.name(),
        schedule.calendar().zone().getId(),
        hours,
        schedule.calendar().holidays().stream().map(Holiday::toString).toList());
  }

  /** A weekday's intervals as the form takes them, e.g. {@code 08:00-12:00, 13:00-17:00}. */
  static String hours(final BusinessCalendar calendar, final DayOfWeek day) {
    return calendar.hours(day).stream()
        .map(WorkingInterval::toString)
        .collect(Collectors.joining(", "));
  }
}
