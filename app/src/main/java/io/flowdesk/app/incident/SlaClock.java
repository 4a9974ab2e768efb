package io.flowdesk.app.incident;

import io.flowdesk.domain.incident.Incident;
import io.flowdesk.domain.incident.IncidentState;
import io.flowdesk.domain.servicelevel.BusinessCalendar;
import io.flowdesk.domain.servicelevel.ServiceLevel;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One SLA target of an incident as the record page shows it: due when, met or breached, how much
 * working time is left (or overdue) and how much of the target has elapsed, all counted on the
 * schedule of the incident's service level; "at risk" once the elapsed share reaches its warning
 * threshold.
 */
public record SlaClock(String name, Instant due, boolean breached, String status, String elapsed) {

  /**
   * The response and resolution clocks of an incident, as of {@code now}.
   *
   * @param level the service level of the incident's priority; null before it has one (the clocks
   *     then count around the clock)
   */
  public static List<SlaClock> of(
      final Incident incident, final Instant now, final ServiceLevel level) {
    final boolean responded = incident.respondedAt() != null;
    final boolean resolved =
        incident.state() == IncidentState.RESOLVED
            || incident.state() == IncidentState.CLOSED
            || incident.state() == IncidentState.CANCELED;
    return List.of(
        new Target("Response", level == null ? null : level.response(), level)
            .clock(incident.responseDue(), incident.responseBreached(), responded, false, now),
        new Target("Resolution", level == null ? null : level.resolution(), level)
            .clock(
                incident.resolutionDue(),
                incident.resolutionBreached(),
                resolved,
                incident.state() == IncidentState.ON_HOLD,
                now));
  }

  /** One target of a service level: its name and length, and the calendar it counts on. */
  private record Target(String name, Duration length, ServiceLevel level) {

    BusinessCalendar calendar() {
      return level == null ? BusinessCalendar.AROUND_THE_CLOCK : level.calendar();
    }

    SlaClock clock(
        final Instant due,
        final boolean breached,
        final boolean met,
        final boolean paused,
        final Instant now) {
      if (due == null) {
        return new SlaClock(name, null, breached, "not set yet", "");
      }
      if (breached || met || paused) {
        final String status =
            breached
                ? (met ? "met late (breached)" : "breached")
                : met ? "met" : "paused while on hold";
        return new SlaClock(name, due, breached, status, "");
      }
      // Time left (negative: overdue) in working time; the elapsed part is the rest of the target,
      // which also holds after a hold moved the due date.
      final Duration left = calendar().between(now, due);
      final String status =
          left.isNegative()
              ? "overdue by " + readable(left.negated())
              : readable(left) + " left" + (atRisk(left) ? " (at risk)" : "");
      return new SlaClock(name, due, false, status, elapsed(left));
    }

    private boolean atRisk(final Duration left) {
      return level != null && length != null && level.atRisk(length.minus(left), length);
    }

    private String elapsed(final Duration left) {
      return length == null ? "" : readable(length.minus(left)) + " of " + readable(length);
    }
  }

  static String readable(final Duration duration) {
    final long minutes = Math.max(0, duration.toMinutes());
    if (minutes < 60) {
      return minutes + " min";
    }
    if (minutes < 48 * 60) {
      return minutes / 60 + " h " + minutes % 60 + " min";
    }
    return minutes / (24 * 60) + " days " + minutes % (24 * 60) / 60 + " h";
  }
}
