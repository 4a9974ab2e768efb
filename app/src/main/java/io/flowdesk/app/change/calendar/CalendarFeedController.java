package io.flowdesk.app.change.calendar;

import io.flowdesk.app.security.Viewer;
import io.flowdesk.domain.change.ScheduledChange;
import io.flowdesk.domain.directory.Directory;
import io.flowdesk.domain.directory.Person;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /changes/calendar/feed/{token}.ics}: the change calendar as iCalendar for a calendar
 * client, which cannot sign in; the secret token in the address stands for its owner. It shows what
 * the owner may see now (their current roles and groups): an unknown or revoked token is 404, a
 * disabled owner or one who no longer sees the calendar is refused (403). From a month back to
 * three months ahead.
 */
@RestController
class CalendarFeedController {

  static final MediaType CALENDAR =
      new MediaType("text", "calendar", java.nio.charset.StandardCharsets.UTF_8);
  static final int DAYS_BACK = 31;
  static final int DAYS_AHEAD = 92;

  private final CalendarFeeds feeds;
  private final Directory directory;
  private final CalendarAccess access;
  private final ChangeCalendar calendar;
  private final FeedLinks links;
  private final Clock clock;

  CalendarFeedController(
      final CalendarFeeds feeds,
      final Directory directory,
      final CalendarAccess access,
      final ChangeCalendar calendar,
      final FeedLinks links) {
    this.feeds = feeds;
    this.directory = directory;
    this.access = access;
    this.calendar = calendar;
    this.links = links;
    this.clock = Clock.systemUTC();
  }

  @GetMapping(FeedLinks.FEED_PATH + "{token}.ics")
  ResponseEntity<String> feed(@PathVariable final String token) {
    final String owner = feeds.ownerOf(token).orElse(null);
    if (owner == null) {
      return ResponseEntity.status(HttpStatus.NOT_FOUND)
          .contentType(MediaType.TEXT_PLAIN)
          .body("No such calendar feed.\n");
    }
    final Person person = directory.person(owner).orElse(null);
    if (person == null
        || !person.enabled()
        || !access.seesCalendar(
            new Viewer(owner, person.displayName(), person.roles(), person.groups()))) {
      return ResponseEntity.status(HttpStatus.FORBIDDEN)
          .contentType(MediaType.TEXT_PLAIN)
          .body("This calendar feed's owner may not see the change calendar.\n");
    }
    final LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
    final ChangeCalendar.Content content =
        calendar.of(
            new CalendarQuery(
                today.minusDays(DAYS_BACK), today.plusDays(DAYS_AHEAD), null, null, null));
    final Instant now = clock.instant();
    final ICalendar ics = new ICalendar("-//Flowdesk//Change calendar//EN", "Flowdesk changes");
    for (final ChangeCalendar.Entry entry : content.changes()) {
      final ScheduledChange change = entry.change();
      ics.event(
          change.number() + "@flowdesk",
          now,
          change.plannedStart(),
          change.plannedEnd(),
          change.number() + ": " + change.shortDescription(),
          description(entry),
          links.change(change.number()),
          "CONFIRMED");
    }
    return ResponseEntity.ok()
        .contentType(CALENDAR)
        .header(HttpHeaders.CACHE_CONTROL, "private, max-age=300")
        .body(ics.end());
  }

  private static String description(final ChangeCalendar.Entry entry) {
    final ScheduledChange change = entry.change();
    final StringBuilder text =
        new StringBuilder(change.type().label())
            .append(" change, ")
            .append(change.state().label().toLowerCase(java.util.Locale.ROOT))
            .append(". Group: ")
            .append(change.assignmentGroup())
            .append('.');
    if (!change.affectedCis().isEmpty()) {
      text.append("\nCIs: ")
          .append(String.join(", ", change.affectedCis().stream().map(ci -> ci.name()).toList()));
    }
    for (final String conflict : entry.conflicts()) {
      text.append("\nConflict: ").append(conflict);
    }
    return text.toString();
  }
}
