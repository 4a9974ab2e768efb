package io.flowdesk.app.change.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.flowdesk.app.WebTestSupport;
import io.flowdesk.domain.change.AffectedCi;
import io.flowdesk.domain.change.Change;
import io.flowdesk.domain.change.ChangeImpact;
import io.flowdesk.domain.change.ChangeRecords;
import io.flowdesk.domain.change.ChangeState;
import io.flowdesk.domain.change.ChangeType;
import io.flowdesk.domain.change.NewChange;
import io.flowdesk.domain.change.conflict.BlackoutScope;
import io.flowdesk.domain.change.conflict.BlackoutWindows;
import io.flowdesk.domain.change.conflict.ChangeConflicts;
import io.flowdesk.domain.cmdb.CiDraft;
import io.flowdesk.domain.cmdb.Cmdb;
import io.flowdesk.domain.cmdb.ConfigurationItem;
import io.flowdesk.domain.cmdb.Criticality;
import io.flowdesk.domain.cmdb.Environment;
import io.flowdesk.domain.cmdb.LifecycleStatus;
import io.flowdesk.domain.cmdb.RelationshipType;
import io.flowdesk.domain.directory.Directory;
import io.flowdesk.domain.directory.Role;
import io.flowdesk.domain.record.Actor;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The change calendar: the month and week pages, {@code GET /api/changes/calendar} with its range
 * checks, who may see them, and the iCalendar feed (valid by a strict reading, its token, and that
 * it shows only what its owner may see now).
 */
class ChangeCalendarTest extends WebTestSupport {

  static final Actor ANNA = Actor.person("agent.anna");

  @Autowired ChangeRecords records;
  @Autowired Cmdb cmdb;
  @Autowired Directory directory;
  @Autowired CalendarFeeds feeds;
  @Autowired ChangeConflicts conflicts;
  @Autowired BlackoutWindows blackouts;

  static RequestPostProcessor as(final String username) {
    return httpBasic(username, DEMO_PASSWORD);
  }

  ConfigurationItem ci(final String className, final String name, final String window) {
    return cmdb.create(
        new CiDraft(
            className,
            name,
            null,
            null,
            Environment.PRODUCTION,
            LifecycleStatus.IN_SERVICE,
            className.equals("server") ? null : Criticality.HIGH,
            window,
            Map.of()),
        Actor.person("admin"));
  }

  /** A normal change moved to scheduled (or further), without its model. */
  Change scheduled(
      final String summary,
      final String group,
      final Instant start,
      final Instant end,
      final ConfigurationItem... cis) {
    final Change raised =
        records.raise(
            new NewChange(
                ChangeType.NORMAL,
                null,
                summary,
                null,
                "agent.anna",
                group,
                "agent.nils",
                java.util.Arrays.stream(cis).map(c -> new AffectedCi(c.id(), c.name())).toList(),
                start,
                end,
                "Do it.",
                "Undo it.",
                null,
                ChangeImpact.LOW,
                List.of()),
            ANNA);
    for (final ChangeState state :
        List.of(ChangeState.ASSESS, ChangeState.AUTHORIZE, ChangeState.SCHEDULED)) {
      records.moveTo(raised.id(), state, null, null, ANNA);
    }
    return records.find(raised.id()).orElseThrow();
  }

  static String tag() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void theMonthPlacesAChangeOnEveryDayOfItsWindowWithItsCisMaintenanceWindows() throws Exception {
    final String group = "cal-" + tag();
    final ConfigurationItem web = ci("server", "web-" + tag(), "Sun 02:00-06:00");
    final Change overnight =
        scheduled(
            "Move the web server, racks A; B",
            group,
            Instant.parse("2031-03-10T22:00:00Z"),
            Instant.parse("2031-03-12T02:00:00Z"),
            web);
    final Change other =
        scheduled(
            "Other group's change",
            "cal-other-" + tag(),
            Instant.parse("2031-03-10T08:00:00Z"),
            Instant.parse("2031-03-10T09:00:00Z"));

    final Document month =
        html(get("/changes/calendar?date=2031-03-10&group=" + group).session(signIn("agent.anna")));

    assertThat(month.select("#cal-title").text()).isEqualTo("March 2031");
    assertThat(month.select("td[data-date] li[data-number=" + overnight.number() + "]"))
        .extracting(li -> li.closest("td").attr("data-date"))
        .containsExactly("2031-03-10", "2031-03-11", "2031-03-12");
    assertThat(month.select("td[data-date=2031-03-10] li[data-number] .fd-cal-time").text())
        .isEqualTo("22:00–…");
    assertThat(month.select("td[data-date=2031-03-12] li[data-number] .fd-cal-time").text())
        .isEqualTo("…–02:00");
    assertThat(month.select("li[data-number=" + other.number() + "]")).isEmpty();
    // Only Sundays in the shown weeks carry web's window (the month grid runs Mon 24 Feb–Sun 6
    // Apr).
    assertThat(month.select("li.fd-cal-maint"))
        .extracting(li -> li.closest("td").attr("data-date"))
        .containsExactly(
            "2031-03-02", "2031-03-09", "2031-03-16", "2031-03-23", "2031-03-30", "2031-04-06");
    assertThat(month.select("#cal-previous").attr("href")).contains("date=2031-02-01");
    assertThat(month.select("#cal-next").attr("href")).contains("date=2031-04-01");

    final Document week =
        html(
            get("/changes/calendar?view=week&date=2031-03-12&group=" + group)
                .session(signIn("cab.carl")));
    assertThat(week.select("tbody td")).hasSize(7);
    assertThat(week.select("td[data-date=2031-03-10] li[data-number=" + overnight.number() + "]"))
        .hasSize(1);
    assertThat(week.select("#cal-next").attr("href")).contains("date=2031-03-19");
  }

  @Test
  void blackoutWindowsAndTheConflictsDetectedForAChangeAreOnTheMonth() throws Exception {
    final String group = "cal-" + tag();
    final ConfigurationItem router = ci("server", "router-" + tag(), null);
    final Instant start = Instant.parse("2031-07-15T20:00:00Z");
    final Change first =
        scheduled("Swap the router", group, start, start.plusSeconds(7200), router);
    final Change second =
        scheduled(
            "Patch the router", group, start.plusSeconds(3600), start.plusSeconds(10800), router);
    conflicts.detect(second.id(), ANNA);
    final String name = "Quarter close " + tag();
    blackouts.create(
        name,
        BlackoutScope.CI,
        router.id(),
        Instant.parse("2031-07-16T00:00:00Z"),
        Instant.parse("2031-07-17T00:00:00Z"),
        "manager.maria");

    final Document month =
        html(get("/changes/calendar?date=2031-07-15&group=" + group).session(signIn("agent.anna")));

    assertThat(month.select("li.fd-cal-conflict").eachAttr("data-number"))
        .containsExactly(second.number());
    assertThat(month.select("li[data-number=" + second.number() + "] .fd-cal-conflicts").text())
        .contains(first.number());
    assertThat(month.select("li.fd-cal-blackout"))
        .extracting(li -> li.closest("td").attr("data-date"))
        .containsExactly("2031-07-16");
    mvc.perform(
            get("/api/changes/calendar?from=2031-07-01&to=2031-07-31&group=" + group)
                .with(as("agent.anna")))
        .andExpect(
            jsonPath("$.blackoutWindows[?(@.name == '" + name + "')].ciId")
                .value(router.id().toString()));
  }

  @Test
  void aBusyDayShowsFourLinesWithTheConflictFirstAndLinksTheRestToTheWeek() throws Exception {
    final String group = "cal-" + tag();
    final ConfigurationItem web = ci("server", "busy-" + tag(), "Thu 00:00-01:00");
    final Instant morning = Instant.parse("2031-05-15T06:00:00Z");
    final List<Change> changes = new java.util.ArrayList<>();
    for (int hour = 0; hour < 5; hour++) {
      changes.add(
          scheduled(
              "Busy " + hour,
              group,
              morning.plus(Duration.ofHours(hour)),
              morning.plus(Duration.ofHours(hour + 2)),
              web));
    }
    // The last one of the day overlaps the one before on the same CI.
    conflicts.detect(changes.get(4).id(), ANNA);

    final Document month =
        html(get("/changes/calendar?date=2031-05-15&group=" + group).session(signIn("agent.anna")));

    final var cell = month.select("td[data-date=2031-05-15]");
    // Three lines and "+3 more": the conflicting change first chosen, the others by time.
    assertThat(cell.select("li[data-number]").eachAttr("data-number"))
        .containsExactly(changes.get(0).number(), changes.get(1).number(), changes.get(4).number());
    assertThat(cell.select("li.fd-cal-maint")).isEmpty();
    assertThat(cell.select("li.fd-cal-more a").text()).isEqualTo("+3 more");
    assertThat(cell.select("li.fd-cal-more a").attr("href"))
        .contains("view=week", "date=2031-05-15", "group=" + group);

    final Document week =
        html(
            get("/changes/calendar?view=week&date=2031-05-15&group=" + group)
                .session(signIn("agent.anna")));
    final var day = week.select("td[data-date=2031-05-15]");
    assertThat(day.select("li[data-number]")).hasSize(5);
    assertThat(day.select("li.fd-cal-maint")).hasSize(1);
    assertThat(day.select("li.fd-cal-more")).isEmpty();
  }

  @Test
  void filtersByCiAndByTheBusinessServiceACiIsPartOf() throws Exception {
    final String group = "cal-" + tag();
    final ConfigurationItem db = ci("server", "db-" + tag(), null);
    final ConfigurationItem lone = ci("server", "lone-" + tag(), null);
    final ConfigurationItem service = ci("business_service", "Payroll " + tag(), null);
    cmdb.relate(service.id(), RelationshipType.DEPENDS_ON, db.id(), Actor.person("admin"));
    final Instant start = Instant.parse("2031-05-05T10:00:00Z");
    final Change onDb = scheduled("Patch db", group, start, start.plusSeconds(3600), db);
    final Change onLone = scheduled("Patch lone", group, start, start.plusSeconds(3600), lone);
    final String range = "/api/changes/calendar?from=2031-05-01&to=2031-05-31&group=" + group;

    mvc.perform(get(range).with(as("agent.anna")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.changes.length()").value(2));
    mvc.perform(get(range + "&ci=" + lone.id()).with(as("agent.anna")))
        .andExpect(jsonPath("$.changes.length()").value(1))
        .andExpect(jsonPath("$.changes[0].number").value(onLone.number()));
    mvc.perform(get(range + "&service=" + service.id()).with(as("agent.anna")))
        .andExpect(jsonPath("$.changes.length()").value(1))
        .andExpect(jsonPath("$.changes[0].number").value(onDb.number()));
    mvc.perform(get(range + "&ci=" + UUID.randomUUID()).with(as("agent.anna")))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors.ci").exists());
  }

  @Test
  void theApiNamesTheParameterOfABadRangeInAProblem() throws Exception {
    final Map<String, String> bad =
        Map.of(
            "/api/changes/calendar?to=2031-01-31", "from",
            "/api/changes/calendar?from=2031-01-01", "to",
            "/api/changes/calendar?from=31.01.2031&to=2031-02-01", "from",
            "/api/changes/calendar?from=2031-02-01&to=2031-01-31", "to",
            "/api/changes/calendar?from=2031-01-01&to=2031-04-05", "to");
    for (final Map.Entry<String, String> request : bad.entrySet()) {
      mvc.perform(get(request.getKey()).with(as("agent.anna")))
          .andExpect(status().isBadRequest())
          .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
          .andExpect(jsonPath("$.errors." + request.getValue()).exists());
    }
    mvc.perform(get("/api/changes/calendar?from=2031-01-01&to=2031-04-03").with(as("agent.anna")))
        .andExpect(status().isOk());
  }

  @Test
  void endUsersGet403AndAgentsWithoutTheCabDoNotSeeTheCabView() throws Exception {
    for (final String user : List.of("alice", "finance.fiona")) {
      mvc.perform(get("/changes/calendar").session(signIn(user))).andExpect(status().isForbidden());
      mvc.perform(get("/api/changes/calendar?from=2031-01-01&to=2031-01-31").with(as(user)))
          .andExpect(status().isForbidden());
      mvc.perform(get("/changes/cab").session(signIn(user))).andExpect(status().isForbidden());
    }
    mvc.perform(get("/changes/calendar").session(signIn("cab.carl"))).andExpect(status().isOk());
    mvc.perform(get("/changes/calendar").session(signIn("admin"))).andExpect(status().isOk());
    mvc.perform(get("/changes/cab").session(signIn("agent.anna")))
        .andExpect(status().isForbidden());
  }

  @Test
  void aBadDateOnThePageIsSaidAtTheFilterWith400AndTodaysMonthShown() throws Exception {
    final MvcResult result =
        mvc.perform(get("/changes/calendar?date=tomorrow").session(signIn("agent.anna")))
            .andExpect(status().isBadRequest())
            .andReturn();
    final Document page =
        org.jsoup.Jsoup.parse(result.getResponse().getContentAsString(StandardCharsets.UTF_8));
    assertThat(page.select("#cal-problems [data-field=date]").text()).contains("'tomorrow'");
    assertThat(page.select("#calendar td[data-date]")).isNotEmpty();
  }

  // --- the iCalendar feed ---------------------------------------------------------------------

  String newFeed(final MockHttpSession session) throws Exception {
    final MvcResult made =
        mvc.perform(post("/changes/calendar/subscription").session(session).with(csrf()))
            .andExpect(status().is3xxRedirection())
            .andReturn();
    final String url = (String) made.getFlashMap().get("feedUrl");
    assertThat(url)
        .matches("http://localhost(:\\d+)?/changes/calendar/feed/[A-Za-z0-9_-]{43}\\.ics");
    return url.substring(url.indexOf("/changes/"));
  }

  String feed(final String path) throws Exception {
    return mvc.perform(get(path))
        .andExpect(status().isOk())
        .andExpect(content().contentTypeCompatibleWith("text/calendar"))
        .andReturn()
        .getResponse()
        .getContentAsString(StandardCharsets.UTF_8);
  }

  @Test
  void theFeedIsValidICalendarWithEachScheduledChangeAsAnEvent() throws Exception {
    final Instant start = Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.HOURS);
    final String summary = "Swap disks, then; reboot \\ check \u00e9\u00e9\u00e9 " + "x".repeat(60);
    final Change change =
        scheduled(summary, "cal-" + tag(), start, start.plus(Duration.ofHours(3)));
    final String path = newFeed(signIn("agent.anna"));

    final String text = feed(path);
    final List<StrictICalendar.Component> events = StrictICalendar.parse(text).events();

    final StrictICalendar.Component event =
        events.stream()
            .filter(e -> e.value("UID").equals(change.number() + "@flowdesk"))
            .findFirst()
            .orElseThrow();
    assertThat(event.value("SUMMARY")).isEqualTo(change.number() + ": " + summary);
    assertThat(event.value("DTSTART")).isEqualTo(StrictICalendar.utc(start));
    assertThat(event.value("DTEND"))
        .isEqualTo(StrictICalendar.utc(start.plus(Duration.ofHours(3))));
    assertThat(event.value("DTSTAMP")).matches("\\d{8}T\\d{6}Z");
    assertThat(event.value("URL")).isEqualTo("http://localhost/changes/" + change.number());
    // The same change keeps its UID from one download to the next.
    assertThat(StrictICalendar.parse(feed(path)).events())
        .extracting(e -> e.value("UID"))
        .contains(change.number() + "@flowdesk");
  }

  @Test
  void aNewAddressEndsTheOldOneRevokingEndsItAndAnUnknownTokenIs404() throws Exception {
    final MockHttpSession nils = signIn("agent.nils");
    final String first = newFeed(nils);
    final String second = newFeed(nils);

    mvc.perform(get(first)).andExpect(status().isNotFound());
    feed(second);
    mvc.perform(post("/changes/calendar/subscription/revoke").session(nils).with(csrf()))
        .andExpect(status().is3xxRedirection());
    mvc.perform(get(second)).andExpect(status().isNotFound());
    mvc.perform(get("/changes/calendar/feed/" + "A".repeat(43) + ".ics"))
        .andExpect(status().isNotFound());
    assertThat(html(get("/changes/calendar").session(nils)).select("#feed-state").text())
        .startsWith("Your feed was revoked");
  }

  @Test
  void theFeedShowsOnlyWhatItsOwnerMaySeeNowAndRefusesADisabledOwner() throws Exception {
    final String owner = "cal.agent." + tag();
    directory.addPerson(owner, "Cal Agent", owner + "@example.test", Set.of(Role.AGENT), null);
    final Instant start = Instant.now().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.HOURS);
    final Change change = scheduled("Seen by agents", "cal-" + tag(), start, start.plusSeconds(60));
    final String path = FeedLinks.FEED_PATH + feeds.generate(owner) + ".ics";
    assertThat(feed(path)).contains(change.number());

    directory.setRoles(owner, Set.of(Role.END_USER));
    final String refused =
        mvc.perform(get(path))
            .andExpect(status().isForbidden())
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(refused).doesNotContain(change.number());

    directory.setRoles(owner, Set.of(Role.AGENT));
    directory.setEnabled(owner, false);
    mvc.perform(get(path)).andExpect(status().isForbidden());
  }
}
