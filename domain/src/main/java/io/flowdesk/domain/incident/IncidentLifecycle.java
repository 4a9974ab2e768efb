package io.flowdesk.domain.incident;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The ITIL life cycle of an incident: which state may follow which. Work may be canceled until it
 * is resolved; a resolved incident is closed by its caller (or the auto-close timer) or reopened;
 * closed and canceled incidents are final.
 */
final class IncidentLifecycle {

  private static final Map<IncidentState, Set<IncidentState>> NEXT =
      Map.of(
          IncidentState.NEW,
          EnumSet.of(
              IncidentState.IN_PROGRESS,
              IncidentState.ON_HOLD,
              IncidentState.RESOLVED,
              IncidentState.CANCELED),
          IncidentState.IN_PROGRESS,
          EnumSet.of(IncidentState.ON_HOLD, IncidentState.RESOLVED, IncidentState.CANCELED),
          IncidentState.ON_HOLD,
          EnumSet.of(IncidentState.IN_PROGRESS, IncidentState.RESOLVED, IncidentState.CANCELED),
          IncidentState.RESOLVED,
          EnumSet.of(IncidentState.CLOSED, IncidentState.IN_PROGRESS),
          IncidentState.CLOSED,
          EnumSet.noneOf(IncidentState.class),
          IncidentState.CANCELED,
          EnumSet.noneOf(IncidentState.class));

  private IncidentLifecycle() {}

  /** Staying in the same state is no transition and always allowed. */
  static void requireAllowed(
      final String number, final IncidentState from, final IncidentState to) {
    if (from != to && !NEXT.get(from).contains(to)) {
      throw new IllegalTransitionException(number, from, to);
    }
  }
}
