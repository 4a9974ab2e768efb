package io.flowdesk.app.change.calendar;

import io.flowdesk.domain.change.conflict.BlackoutWindows;
import io.flowdesk.domain.change.conflict.ChangeConflict;
import io.flowdesk.domain.change.conflict.ChangeConflicts;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The calendar's and the CAB view's overlays from conflict detection: the stored blackout windows
 * and each change's open conflicts (those nobody overrode), in words.
 */
@Component
class ConflictOverlays implements CalendarOverlays {

  private final BlackoutWindows blackouts;
  private final ChangeConflicts conflicts;

  ConflictOverlays(final BlackoutWindows blackouts, final ChangeConflicts conflicts) {
    this.blackouts = blackouts;
    this.conflicts = conflicts;
  }

  @Override
  public List<Blackout> blackouts(final Instant from, final Instant to) {
    return blackouts.overlapping(from, to).stream()
        .map(
            window ->
                new Blackout(
                    window.name(),
                    window.scope().name().toLowerCase(Locale.ROOT),
                    window.ciId(),
                    window.start(),
                    window.end()))
        .toList();
  }

  @Override
  public Map<Long, List<String>> conflicts(final Collection<Long> changeIds) {
    // openFor answers only the conflicts nobody overrode, and only changes that have some.
    final Map<Long, List<String>> open = new LinkedHashMap<>();
    conflicts
        .openFor(changeIds)
        .forEach(
            (changeId, found) ->
                open.put(changeId, found.stream().map(ConflictOverlays::words).toList()));
    return open;
  }

  private static String words(final ChangeConflict conflict) {
    return conflict.rule().label() + ": " + conflict.detail();
  }
}
