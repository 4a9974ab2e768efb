package io.flowdesk.app.change.calendar;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the change calendar and the CAB view draw over the changes but do not own: blackout windows
 * and the conflicts detected for changes. A port, so that conflict detection plugs in without the
 * calendar knowing how it works: {@link ConflictOverlays} answers them from conflict detection.
 */
public interface CalendarOverlays {

  /** A period in which no change should be made: everywhere, on one CI or on one service. */
  record Blackout(String name, String scope, UUID ciId, Instant start, Instant end) {}

  /** The blackout windows overlapping [{@code from}, {@code to}). */
  List<Blackout> blackouts(Instant from, Instant to);

  /** The open conflicts of these changes, by change id, each in words (rule and detail). */
  Map<Long, List<String>> conflicts(Collection<Long> changeIds);
}
