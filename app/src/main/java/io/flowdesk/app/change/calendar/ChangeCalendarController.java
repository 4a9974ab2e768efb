package io.flowdesk.app.change.calendar;

import io.flowdesk.app.record.InvalidRequestException;
import io.flowdesk.app.security.Viewer;
import io.flowdesk.app.security.Viewers;
import io.flowdesk.domain.change.AffectedCi;
import io.flowdesk.domain.cmdb.CiQuery;
import io.flowdesk.domain.cmdb.Cmdb;
import io.flowdesk.domain.directory.AssignmentGroup;
import io.flowdesk.domain.directory.Directory;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The change calendar page {@code /changes/calendar}: a month or a week (previous, next, today),
 * filtered by assignment group, CI or business service; and the person's calendar subscription
 * (generate a new secret feed URL, revoke it). A bad date or filter is said at the filter, with
 * status 400, and the calendar of today shown below it.
 */
@Controller
@RequestMapping("/changes/calendar")
class ChangeCalendarController {

  static final int MAX_CHOICES = 200;

  private final ChangeCalendar calendar;
  private final CalendarAccess access;
  private final CalendarFeeds feeds;
  private final FeedLinks links;
  private final Directory directory;
  private final Cmdb cmdb;
  private final Viewers viewers;
  private final Clock clock;

  ChangeCalendarController(
      final ChangeCalendar calendar,
      final CalendarAccess access,
      final CalendarFeeds feeds,
      final FeedLinks links,
      final Directory directory,
      final Cmdb cmdb,
      final Viewers viewers) {
    this.calendar = calendar;
    this.access = access;
    this.feeds = feeds;
    this.links = links;
    this.directory = directory;
    this.cmdb = cmdb;
    this.viewers = viewers;
    this.clock = Clock.systemUTC();
  }

  @GetMapping
  String show(
      @RequestParam(defaultValue = "month") final String view,
      @RequestParam(required = false) final String date,
      @RequestParam(required = false) final String group,
      @RequestParam(required = false) final String ci,
      @RequestParam(required = false) final String service,
      final Model model,
      final HttpServletResponse response) {
    final Viewer viewer = access.requireCalendar(viewer());
    final LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
    final String shown = "week".equals(view) ? "week" : "month";
    final Map<String, String> problems = new LinkedHashMap<>();
    LocalDate anchor = today;
    if (date != null && !date.isBlank()) {
      try {
        anchor = LocalDate.parse(date.strip());
      } catch (DateTimeParseException e) {
        problems.put("date", "Date must be like 2026-12-01, was '" + date + "'.");
      }
    }
    final LocalDate[] span = CalendarGrid.span(shown, anchor);
    ChangeCalendar.Content content;
    try {
      content =
          calendar.of(
              CalendarQuery.parse(span[0].toString(), span[1].toString(), group, ci, service));
    } catch (InvalidRequestException e) {
      e.fieldErrors().forEach((field, message) -> problems.put(field, capitalised(field, message)));
      content =
          calendar.of(
              new CalendarQuery(span[0], span[1], CalendarQuery.blankToNull(group), null, null));
    }
    if (!problems.isEmpty()) {
      response.setStatus(HttpStatus.BAD_REQUEST.value());
    }
    model.addAttribute("grid", CalendarGrid.of(shown, anchor, today, content));
    model.addAttribute("calendar", content);
    model.addAttribute("today", today);
    model.addAttribute("problems", problems);
    model.addAttribute("group", CalendarQuery.blankToNull(group));
    model.addAttribute("ci", CalendarQuery.blankToNull(ci));
    model.addAttribute("service", CalendarQuery.blankToNull(service));
    model.addAttribute(
        "groups", directory.groups().stream().map(AssignmentGroup::name).sorted().toList());
    model.addAttribute("feed", feeds.of(viewer.username()).orElse(null));
    model.addAttribute("ciChoices", ciChoices(content));
    model.addAttribute(
        "services",
        cmdb.search(
                new CiQuery(null, "business_service", null),
                PageRequest.of(0, MAX_CHOICES, Sort.by("name")))
            .getContent());
    return "changes/calendar";
  }

  @PostMapping("/subscription")
  String generateFeed(final RedirectAttributes redirect) {
    final Viewer viewer = access.requireCalendar(viewer());
    final String token = feeds.generate(viewer.username());
    // Shown once: only the token's hash is kept.
    redirect.addFlashAttribute("feedUrl", links.feed(token));
    redirect.addFlashAttribute(
        "flash", "Your calendar feed has a new address; any earlier one no longer works.");
    return "redirect:/changes/calendar";
  }

  @PostMapping("/subscription/revoke")
  String revokeFeed(final RedirectAttributes redirect) {
    final Viewer viewer = access.requireCalendar(viewer());
    feeds.revoke(viewer.username());
    redirect.addFlashAttribute("flash", "Your calendar feed is revoked; its address answers 404.");
    return "redirect:/changes/calendar";
  }

  /** The CIs of the changes shown, to narrow the calendar to one of them. */
  private static Map<String, String> ciChoices(final ChangeCalendar.Content content) {
    final Map<String, String> choices = new TreeMap<>();
    for (final ChangeCalendar.Entry entry : content.changes()) {
      for (final AffectedCi ci : entry.change().affectedCis()) {
        choices.putIfAbsent(ci.ciId().toString(), ci.name());
        if (choices.size() >= MAX_CHOICES) {
          return choices;
        }
      }
    }
    return choices;
  }

  private static String capitalised(final String field, final String message) {
    return Character.toUpperCase(field.charAt(0)) + field.substring(1) + " " + message + ".";
  }

  private Viewer viewer() {
    return viewers.current().orElseThrow();
  }
}
