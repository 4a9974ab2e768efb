package io.flowdesk.app.portal;

import io.flowdesk.domain.incident.IncidentState;
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

  /** A CSS class suffix for the state's badge. */
  public String stateClass(final IncidentState state) {
    return state == null ? "" : state.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public String time(final Instant instant) {
    return instant == null ? "" : time.format(instant);
  }

  /** The machine-readable form for {@code <time datetime>}. */
  public String isoTime(final Instant instant) {
    return instant == null ? "" : instant.toString();
  }
}
