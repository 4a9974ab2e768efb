package io.flowdesk.app.change.calendar;

import io.flowdesk.app.security.Viewers;
import io.flowdesk.domain.change.ScheduledChange;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/changes/calendar}: what the change calendar shows for a range of days. */
@RestController
@Tag(name = "Changes", description = "Raise changes and follow them")
class ChangeCalendarApiController {

  private final ChangeCalendar calendar;
  private final CalendarAccess access;
  private final Viewers viewers;

  ChangeCalendarApiController(
      final ChangeCalendar calendar, final CalendarAccess access, final Viewers viewers) {
    this.calendar = calendar;
    this.access = access;
    this.viewers = viewers;
  }

  record CalendarResource(
      LocalDate from,
      LocalDate to,
      boolean truncated,
      List<ChangeEntry> changes,
      List<ChangeCalendar.Maintenance> maintenanceWindows,
      List<CalendarOverlays.Blackout> blackoutWindows) {}

  record ChangeEntry(
      String number,
      String summary,
      String type,
      String state,
      String risk,
      String assignmentGroup,
      String implementer,
      Instant plannedStart,
      Instant plannedEnd,
      List<Ci> affectedCis,
      List<String> conflicts) {

    static ChangeEntry of(final ChangeCalendar.Entry entry) {
      final ScheduledChange c = entry.change();
      return new ChangeEntry(
          c.number(),
          c.shortDescription(),
          c.type().name(),
          c.state().name(),
          c.risk() == null ? null : c.risk().name(),
          c.assignmentGroup(),
          c.implementer(),
          c.plannedStart(),
          c.plannedEnd(),
          c.affectedCis().stream().map(ci -> new Ci(ci.ciId(), ci.name())).toList(),
          entry.conflicts());
    }
  }

  record Ci(UUID id, String name) {}

  @GetMapping("/api/changes/calendar")
  @Operation(
      summary = "The change calendar for a range of days",
      description =
          "from and to: ISO dates (UTC days, both included; at most 93 days). Optional filters"
              + " group (assignment group), ci and service (CI ids; service: changes on what the"
              + " business service is made of). Answers the scheduled and in-progress changes"
              + " whose planned window touches the range (with their conflicts), the maintenance"
              + " windows of their CIs and the blackout windows. 400 problem naming each wrong"
              + " parameter; agents, managers, administrators and CAB members only.")
  CalendarResource calendar(
      @RequestParam(required = false) final String from,
      @RequestParam(required = false) final String to,
      @RequestParam(required = false) final String group,
      @RequestParam(required = false) final String ci,
      @RequestParam(required = false) final String service) {
    access.requireCalendar(
        viewers.current().orElseThrow(() -> new AccessDeniedException("not signed in")));
    final ChangeCalendar.Content content =
        calendar.of(CalendarQuery.parse(from, to, group, ci, service));
    return new CalendarResource(
        content.query().first(),
        content.query().last(),
        content.truncated(),
        content.changes().stream().map(ChangeEntry::of).toList(),
        content.maintenance(),
        content.blackouts());
  }
}
