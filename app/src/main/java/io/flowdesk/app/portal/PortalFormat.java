package io.flowdesk.app.portal;

import io.flowdesk.domain.change.ChangeState;
import io.flowdesk.domain.incident.IncidentState;
import io.flowdesk.domain.problem.ProblemState;
import io.flowdesk.domain.request.RequestState;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * How pages write states and times; templates reach it as {@code @portalFormat}. Times are shown in
 * the server's zone, named, since the pages work without JavaScript to learn the browser's.
 */
@Component("portalFormat")
public class PortalFormat {

  private final DateTimeFormatter time;

  PortalFormat() {
    this(Clock.systemDefaultZone().getZone());
  }

  PortalFormat(final ZoneId zone) {
    this.time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z", Locale.ROOT).withZone(zone);
  }

  /** "In progress" for IN_PROGRESS. */
  public String state(final IncidentState state) {
    if (state == null) {
      return "";
    }
    final String words = state.name().replace('_', ' ').toLowerCase(Locale.ROOT);
    return Character.toUpperCase(words.charAt(0)) + words.substring(1);
  }

  /**
   * The state badge's class suffix ({@code fd-state-<suffix>} in flowdesk.css). Every kind's states
   * share a few tones, so a colour means the same on every page: {@code new} (blue, nobody has
   * started), {@code in-progress} (violet, being worked), {@code on-hold} and {@code waiting}
   * (amber, waiting for someone: an incident on hold, an approval, an authorization), {@code
   * resolved} (green, done: resolved, fulfilled), {@code rejected} (red), {@code closed} and {@code
   * canceled} (grey, over).
   */
  public String stateClass(final IncidentState state) {
    if (state == null) {
      return "";
    }
    return switch (state) {
      case NEW -> "new";
      case IN_PROGRESS -> "in-progress";
      case ON_HOLD -> "on-hold";
      case RESOLVED -> "resolved";
      case CLOSED -> "closed";
      case CANCELED -> "canceled";
    };
  }

  /** As {@link #stateClass(IncidentState)}, for a request. */
  public String stateClass(final RequestState state) {
    if (state == null) {
      return "";
    }
    return switch (state) {
      case SUBMITTED -> "new";
      case AWAITING_APPROVAL -> "waiting";
      // Approved is not done yet: fulfilment follows.
      case APPROVED, IN_FULFILMENT -> "in-progress";
      case REJECTED -> "rejected";
      case FULFILLED -> "resolved";
      case CLOSED -> "closed";
      case CANCELED -> "canceled";
    };
  }

  /** As {@link #stateClass(IncidentState)}, for a change. */
  public String stateClass(final ChangeState state) {
    if (state == null) {
      return "";
    }
    return switch (state) {
      case NEW -> "new";
      case AUTHORIZE -> "waiting";
      case ASSESS, SCHEDULED, IMPLEMENT, REVIEW -> "in-progress";
      case CLOSED -> "closed";
      case CANCELED -> "canceled";
    };
  }

  /** As {@link #stateClass(IncidentState)}, for a problem. */
  public String stateClass(final ProblemState state) {
    if (state == null) {
      return "";
    }
    return switch (state) {
      case NEW -> "new";
      case ASSESS, ROOT_CAUSE_ANALYSIS, FIX_IN_PROGRESS -> "in-progress";
      case RESOLVED -> "resolved";
      case CLOSED -> "closed";
      case CANCELED -> "canceled";
    };
  }

  public String time(final Instant instant) {
    return instant == null ? "" : time.format(instant);
  }

  /** The machine-readable form for {@code <time datetime>}. */
  public String isoTime(final Instant instant) {
    return instant == null ? "" : instant.toString();
  }
}
