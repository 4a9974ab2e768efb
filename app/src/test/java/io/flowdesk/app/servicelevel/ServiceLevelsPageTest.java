package io.flowdesk.app.servicelevel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.flowdesk.app.WebTestSupport;
import io.flowdesk.domain.incident.Priority;
import io.flowdesk.domain.servicelevel.Schedule;
import io.flowdesk.domain.servicelevel.ServiceLevel;
import io.flowdesk.domain.servicelevel.ServiceLevels;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * {@code /admin/service-levels}: the shipped targets around the clock; an admin adds a Berlin
 * office schedule and moves a priority onto it, each change in the admin audit trail; bad hours,
 * zones, holidays and targets are named at their field and nothing is saved; only admins get in,
 * and a post needs the CSRF token.
 */
class ServiceLevelsPageTest extends WebTestSupport {

  @Autowired ServiceLevels levels;
  @Autowired JdbcClient jdbc;

  private static String unique(final String name) {
    return name + " " + UUID.randomUUID().toString().substring(0, 8);
  }

  private static MockHttpServletRequestBuilder schedulePost(final Map<String, String> changed) {
    final Map<String, String> form = new LinkedHashMap<>();
    form.put("name", unique("Berlin office"));
    form.put("zone", "Europe/Berlin");
    for (final DayOfWeek day :
        List.of(
            DayOfWeek.MONDAY,
            DayOfWeek.TUESDAY,
            DayOfWeek.WEDNESDAY,
            DayOfWeek.THURSDAY,
            DayOfWeek.FRIDAY)) {
      form.put(day.name(), "08:00-12:00, 13:00-17:00");
    }
    form.put("SATURDAY", "");
    form.put("SUNDAY", "");
    form.put("holidays", "2026-12-25 yearly\n2026-04-03");
    form.putAll(changed);
    final MockHttpServletRequestBuilder post = post("/admin/service-levels/schedules").with(csrf());
    form.forEach(post::param);
    return post;
  }

  /** The targets form as the page shows it, with {@code changed} fields typed differently. */
  private MockHttpServletRequestBuilder targetsPost(final Map<String, String> changed) {
    final Map<String, String> form = new LinkedHashMap<>();
    for (final ServiceLevel level : levels.all()) {
      final String p = level.priority().name();
      form.put(p + ".response", String.valueOf(level.response().toMinutes()));
      form.put(p + ".resolution", String.valueOf(level.resolution().toMinutes()));
      form.put(p + ".warning", String.valueOf(level.warningPercent()));
      form.put(p + ".taskPriority", String.valueOf(level.taskPriority()));
      form.put(p + ".schedule", String.valueOf(level.schedule().id()));
    }
    form.putAll(changed);
    final MockHttpServletRequestBuilder post = post("/admin/service-levels").with(csrf());
    form.forEach(post::param);
    return post;
  }

  private long audited(final String action, final String target) {
    return jdbc.sql(
            "SELECT count(*) FROM flowdesk.admin_audit WHERE action = :action AND target = :target")
        .param("action", action)
        .param("target", target)
        .query(Long.class)
        .single();
  }

  private Document refused(final MockHttpServletRequestBuilder post, final MockHttpSession admin)
      throws Exception {
    return Jsoup.parse(
        mvc.perform(post.session(admin))
            .andExpect(status().isBadRequest())
            .andReturn()
            .getResponse()
            .getContentAsString(StandardCharsets.UTF_8));
  }

  @Test
  void thePageShowsTheShippedTargetsAroundTheClockAndTheAdminIndexLinksIt() throws Exception {
    final MockHttpSession admin = signIn("admin");

    assertThat(
            html(get("/admin").session(admin)).select("#admin-pages a[href=/admin/service-levels]"))
        .hasSize(1);
    final Document page = html(get("/admin/service-levels").session(admin));
    assertThat(page.select("#level-P1 input[name=P1.response]").val())
        .isEqualTo(String.valueOf(levels.of(Priority.P1).response().toMinutes()));
    assertThat(page.select("#level-P5 input[name=P5.taskPriority]").val()).isEqualTo("10");
    assertThat(page.select("#schedules .fd-schedule-name").eachText())
        .contains("Around the clock (24x7)");
  }

  @Test
  void anAdminAddsABerlinScheduleAndMovesAPriorityOntoIt() throws Exception {
    final MockHttpSession admin = signIn("admin");
    final String name = unique("Berlin office");

    mvc.perform(schedulePost(Map.of("name", name)).session(admin))
        .andExpect(redirectedUrl("/admin/service-levels"));

    final Schedule berlin =
        levels.schedules().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    assertThat(berlin.calendar().zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
    assertThat(berlin.calendar().hours(DayOfWeek.MONDAY)).hasSize(2);
    assertThat(berlin.calendar().hours(DayOfWeek.SATURDAY)).isEmpty();
    assertThat(berlin.calendar().holidays()).hasSize(2);
    assertThat(audited("sla-schedule.created", "sla-schedule:" + berlin.id())).isEqualTo(1);
    final Document edit =
        html(get("/admin/service-levels").param("schedule", berlin.id().toString()).session(admin));
    assertThat(edit.select("#MONDAY").val()).isEqualTo("08:00-12:00, 13:00-17:00");
    assertThat(edit.select("#holidays").text()).contains("2026-12-25 yearly");

    final ServiceLevel p4 = levels.of(Priority.P4);
    final long before = audited("service-level.changed", "service-levels");
    try {
      mvc.perform(
              targetsPost(
                      Map.of(
                          "P4.resolution", "1200",
                          "P4.warning", "80",
                          "P4.schedule", berlin.id().toString()))
                  .session(admin))
          .andExpect(redirectedUrl("/admin/service-levels"));
      final ServiceLevel changed = levels.of(Priority.P4);
      assertThat(changed.resolution()).isEqualTo(Duration.ofMinutes(1200));
      assertThat(changed.warningPercent()).isEqualTo(80);
      assertThat(changed.schedule().name()).isEqualTo(name);
      assertThat(audited("service-level.changed", "service-levels")).isEqualTo(before + 1);
    } finally {
      levels.save(List.of(p4));
    }
  }

  @Test
  void badHoursZoneAndHolidaysAreNamedAtTheirFieldsAndNothingIsSaved() throws Exception {
    final MockHttpSession admin = signIn("admin");
    final String name = unique("Broken");
    final int schedules = levels.schedules().size();

    final Document page =
        refused(
            schedulePost(
                Map.of(
                    "name", name,
                    "MONDAY", "17:00-08:00",
                    "TUESDAY", "08:00-12:00, 11:00-17:00",
                    "zone", "Mars/Olympus_Mons",
                    "holidays", "2026-02-30")),
            admin);

    assertThat(page.select("#MONDAY-error").text())
        .isEqualTo("working interval 17:00-08:00 ends before it starts");
    assertThat(page.select("#TUESDAY-error").text())
        .isEqualTo("working intervals 08:00-12:00 and 11:00-17:00 overlap");
    assertThat(page.select("#zone-error").text())
        .isEqualTo(
            "'Mars/Olympus_Mons' is not a known time zone: use a name such as Europe/Berlin or UTC");
    assertThat(page.select("#holidays-error").text()).contains("'2026-02-30' is not a date");
    assertThat(page.select("#WEDNESDAY-error")).isEmpty();
    // What was typed stays in the form.
    assertThat(page.select("#name").val()).isEqualTo(name);
    assertThat(page.select("#TUESDAY").val()).isEqualTo("08:00-12:00, 11:00-17:00");
    assertThat(levels.schedules()).hasSize(schedules);

    final Document noHours =
        refused(
            schedulePost(
                Map.of(
                    "name", name,
                    "MONDAY", "",
                    "TUESDAY", "",
                    "WEDNESDAY", "",
                    "THURSDAY", "",
                    "FRIDAY", "")),
            admin);
    assertThat(noHours.select("#hours-error").text())
        .isEqualTo("a schedule needs working hours on at least one weekday");

    final String taken = levels.schedules().get(0).name();
    final Document duplicate = refused(schedulePost(Map.of("name", taken)), admin);
    assertThat(duplicate.select("#name-error").text())
        .isEqualTo("a schedule named '" + taken + "' exists already");
    assertThat(levels.schedules()).hasSize(schedules);
  }

  @Test
  void badTargetsAreNamedAndTheOtherPrioritiesAreNotSavedEither() throws Exception {
    final MockHttpSession admin = signIn("admin");
    final ServiceLevel p3 = levels.of(Priority.P3);

    final Document page =
        refused(
            targetsPost(
                Map.of(
                    "P1.response", "soon",
                    "P2.warning", "150",
                    "P3.resolution", "60",
                    "P5.schedule", "999999")),
            admin);

    assertThat(page.select("#P1\\.response-error").text())
        .isEqualTo("'soon' is not a whole number");
    assertThat(page.select("#P2-error").text())
        .isEqualTo("P2: the warning threshold is 1 to 99 % of a target, was 150");
    assertThat(page.select("#P5\\.schedule-error").text())
        .isEqualTo("there is no schedule '999999'");
    assertThat(page.select("#P3-error")).isEmpty();
    assertThat(page.select("#P1\\.response").val()).isEqualTo("soon");
    assertThat(levels.of(Priority.P3)).isEqualTo(p3);
  }

  @Test
  void onlyAdminsGetInAndAPostNeedsTheCsrfToken() throws Exception {
    for (final String user : new String[] {"alice", "agent.anna", "manager.maria"}) {
      final MockHttpSession session = signIn(user);
      mvc.perform(get("/admin/service-levels").session(session)).andExpect(status().isForbidden());
      mvc.perform(schedulePost(Map.of()).session(session)).andExpect(status().isForbidden());
      mvc.perform(targetsPost(Map.of("P1.response", "1")).session(session))
          .andExpect(status().isForbidden());
    }
    final String name = unique("No token");
    mvc.perform(
            post("/admin/service-levels/schedules")
                .session(signIn("admin"))
                .param("name", name)
                .param("zone", "UTC")
                .param("MONDAY", "08:00-17:00"))
        .andExpect(status().isForbidden());
    assertThat(levels.schedules()).noneMatch(s -> s.name().equals(name));
    final Duration p1 = levels.of(Priority.P1).response();
    mvc.perform(post("/admin/service-levels").session(signIn("admin")).param("P1.response", "1"))
        .andExpect(status().isForbidden());
    assertThat(levels.of(Priority.P1).response()).isEqualTo(p1);
  }
}
