package io.flowdesk.app.change.calendar;

import io.flowdesk.domain.cmdb.MaintenanceWindow;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** A CI's weekly maintenance window laid out on the days of a calendar range (UTC, as stored). */
final class MaintenanceOccurrences {

  record Occurrence(Instant start, Instant end) {}

  private MaintenanceOccurrences() {}

  /** The window's slots on each day from {@code first} to {@code last}, both included. */
  static List<Occurrence> between(
      final MaintenanceWindow window, final LocalDate first, final LocalDate last) {
    final List<Occurrence> found = new ArrayList<>();
    for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
      for (final MaintenanceWindow.Slot slot : window.slots()) {
        final int offset =
            Math.floorMod(day.getDayOfWeek().getValue() - slot.firstDay().getValue(), 7);
        final int span = Math.floorMod(slot.lastDay().getValue() - slot.firstDay().getValue(), 7);
        if (offset <= span) {
          found.add(
              new Occurrence(
                  day.atTime(slot.start()).toInstant(ZoneOffset.UTC),
                  slot.end().equals(LocalTime.MAX)
                      ? day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC)
                      : day.atTime(slot.end()).toInstant(ZoneOffset.UTC)));
        }
      }
    }
    return found;
  }
}
