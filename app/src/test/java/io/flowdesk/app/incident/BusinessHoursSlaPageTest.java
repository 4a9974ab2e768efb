package io.flowdesk.app.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import io.camunda.client.CamundaClient;
import io.flowdesk.app.IncidentTasks;
import io.flowdesk.app.WebTestSupport;
import io.flowdesk.domain.incident.ChangeSource;
import io.flowdesk.domain.incident.IncidentChange;
import io.flowdesk.domain.incident.IncidentRecords;
import io.flowdesk.domain.incident.Priority;
import io.flowdesk.domain.servicelevel.BusinessCalendar;
import io.flowdesk.domain.servicelevel.Schedule;
import io.flowdesk.domain.servicelevel.ServiceLevel;
import io.flowdesk.domain.servicelevel.ServiceLevels;
import io.flowdesk.domain.servicelevel.WorkingInterval;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The record page's SLA clocks count working time of the priority's schedule: with work only on one
 * weekday days ahead, the time left is that day's hours, not the days in between, and a clock past
 * its warning threshold shows as at risk.
 */
class BusinessHoursSlaPageTest extends WebTestSupport {

  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  @Autowired CamundaClient client;
  @Autowired IncidentRecords records;
  @Autowired ServiceLevels levels;

  @Test
  void theClocksShowWorkingTimeLeftAndElapsedOnTheSchedule() throws Exception {
    final LocalDate workDay = LocalDate.now(BERLIN).plusDays(3);
    final Schedule oneDay =
        levels.save(
            new Schedule(
                null,
                "Only " + workDay.getDayOfWeek() + " " + UUID.randomUUID(),
                new BusinessCalendar(
                    BERLIN,
                    Map.of(workDay.getDayOfWeek(), WorkingInterval.parseDay("08:00-17:00")),
                    List.of())));
    final ServiceLevel p4 = levels.of(Priority.P4);
    levels.save(
        List.of(
            new ServiceLevel(
                Priority.P4, Duration.ofHours(1), Duration.ofHours(4), 75, 30, oneDay)));
    try {
      final IncidentTasks.Waiting waiting =
          new IncidentTasks(client, records).reportedBy("alice", "Plotter offline", null);
      records.change(
          waiting.incident().id(),
          IncidentChange.of()
              .priority(Priority.P4)
              .responseDue(at(workDay, 8, 15))
              .resolutionDue(at(workDay, 12, 0)),
          ChangeSource.person("agent.anna"));

      final Document page =
          html(get("/incidents/" + waiting.number()).session(signIn("agent.anna")));

      assertThat(page.select("#sla-schedule strong").text()).isEqualTo(oneDay.name());
      assertThat(page.select("#sla tbody td:nth-child(3)").eachText())
          .containsExactly("15 min left (at risk)", "4 h 0 min left");
      assertThat(page.select("#sla .fd-sla-elapsed").eachText())
          .containsExactly("45 min of 1 h 0 min", "0 min of 4 h 0 min");
    } finally {
      levels.save(List.of(p4));
    }
  }

  private static Instant at(final LocalDate day, final int hour, final int minute) {
    return day.atTime(hour, minute).atZone(BERLIN).toInstant();
  }
}
