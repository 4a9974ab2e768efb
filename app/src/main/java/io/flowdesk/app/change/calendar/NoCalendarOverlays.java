package io.flowdesk.app.change.calendar;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** No blackout windows and no conflicts: the overlays until conflict detection provides them. */
@Component
class NoCalendarOverlays implements CalendarOverlays {

  @Override
  public List<Blackout> blackouts(final Instant from, final Instant to) {
    return List.of();
  }

  @Override
  public Map<Long, List<String>> conflicts(final Collection<Long> changeIds) {
    return Map.of();
  }
}
