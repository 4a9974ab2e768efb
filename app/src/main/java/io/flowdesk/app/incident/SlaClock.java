package io.flowdesk.app.incident;

import io.flowdesk.domain.incident.Incident;
import io.flowdesk.domain.incident.IncidentState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One SLA target of an incident as the record page shows it: due when, met or breached, and how
 * much time is left.
 */
public record SlaClock(String name, Instant due, boolean breached, String status) {

  /** The response and resolution clocks of an incident, as of {@code now}. */
  public static List<SlaClock> of(final Incident incident, final Instant now) {
    final boolean responded = incident.respondedAt() != null;
    final boolean resolved =
        incident.state() == IncidentState.RESOLVED
            || incident.state() == IncidentState.CLOSED
            || incident.state() == IncidentState.CANCELED;
    return List.of(
        clock(
            "Response", incident.responseDue(), incident.responseBreached(), responded, false, now),
        clock(
            "Resolution",
            incident.resolutionDue(),
            incident.resolutionBreached(),
            resolved,
            incident.state() == IncidentState.ON_HOLD,
            now));
  }

  private static SlaClock clock(
      final String name,
      final Instant due,
      final boolean breached,
      final boolean met,
      final boolean paused,
      final Instant now) {
    final String status;
    if (due == null) {
      status = "not set yet";
    } else if (breached) {
      status = met ? "met late (breached)" : "breached";
    } else if (met) {
      status = "met";
    } else if (paused) {
      status = "paused while on hold";
    } else if (now.isAfter(due)) {
      status = "overdue by " + readable(Duration.between(due, now));
    } else {
      status = readable(Duration.between(now, due)) + " left";
    }
    return new SlaClock(name, due, breached, status);
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
