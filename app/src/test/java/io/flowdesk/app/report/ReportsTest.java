package io.flowdesk.app.report;

import static io.flowdesk.app.report.SeededIncidents.AGENT;
import static io.flowdesk.app.report.SeededIncidents.EAST;
import static io.flowdesk.app.report.SeededIncidents.FROM;
import static io.flowdesk.app.report.SeededIncidents.PASSWORD;
import static io.flowdesk.app.report.SeededIncidents.TO;
import static io.flowdesk.app.report.SeededIncidents.WEST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowdesk.app.WebTestSupport;
import io.flowdesk.domain.directory.Directory;
import io.flowdesk.domain.report.ReportRollup;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The reports' numbers against {@link SeededIncidents} (expected values worked out in each test),
 * scoping by role (an agent gets their groups' numbers and is refused another group's; end users
 * 403), the CSV's quoting and formula guard, and bad ranges and groups named as problems.
 */
class ReportsTest extends WebTestSupport {

  @Autowired DataSource dataSource;
  @Autowired Directory directory;
  @Autowired PasswordEncoder passwords;
  @Autowired ObjectMapper json;
  @Autowired ReportRollup rollup;

  @BeforeEach
  void seed() {
    SeededIncidents.seed(dataSource, directory, passwords);
    // The seed's days are in the past: brought into the daily summaries as the app's job would,
    // whenever its last run was.
    rollup.refresh(LocalDate.now(ZoneOffset.UTC), 7);
  }

  private static RequestPostProcessor manager() {
    return httpBasic("manager.maria", DEMO_PASSWORD);
  }

  private static RequestPostProcessor agent() {
    return httpBasic(AGENT, PASSWORD);
  }

  private JsonNode api(final String report, final String query, final RequestPostProcessor who)
      throws Exception {
    final String body =
        mvc.perform(get("/api/reports/" + report + "?from=" + FROM + "&to=" + TO + query).with(who))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString(StandardCharsets.UTF_8);
    return json.readTree(body);
  }

  /** The rows as lists of their cells' text, for exact comparison. */
  private static List<List<String>> rows(final JsonNode report) {
    final List<List<String>> rows = new ArrayList<>();
    for (final JsonNode row : report.get("rows")) {
      final List<String> cells = new ArrayList<>();
      row.forEach(cell -> cells.add(cell.isNull() ? null : cell.asText()));
      rows.add(cells);
    }
    return rows;
  }

  @Test
  void openedAndResolvedPerDayCountEveryDayOfTheRange() throws Exception {
    // Opened: 03-01 one, 03-02 two, 03-03 one (west), 03-04 one, 03-05 one; resolved (first audit
    // entry into RESOLVED): 03-01 one, 03-03 two (east 09:00, west 12:00). No requests or changes.
    assertThat(rows(api("daily", "", manager())))
        .containsExactly(
            List.of("2021-03-01", "1", "1", "0", "0", "0", "0"),
            List.of("2021-03-02", "2", "0", "0", "0", "0", "0"),
            List.of("2021-03-03", "1", "2", "0", "0", "0", "0"),
            List.of("2021-03-04", "1", "0", "0", "0", "0", "0"),
            List.of("2021-03-05", "1", "0", "0", "0", "0", "0"),
            List.of("2021-03-06", "0", "0", "0", "0", "0", "0"),
            List.of("2021-03-07", "0", "0", "0", "0", "0", "0"));
    assertThat(rows(api("weekly", "&group=" + EAST, manager())))
        .containsExactly(List.of("2021-03-01", "4", "2", "0", "0", "0", "0"));
  }

  @Test
  void slaCompliancePerGroupAndPriorityCountsDecidedTargetsOnly() throws Exception {
    // east P1: both responded, one late -> 50 %; both resolved, one late -> 50 %.
    // east P3: one responded in time (the other undecided) -> 100 %; none resolved -> no value.
    // west P2: both responded, one late -> 50 %; one closed in time -> 100 %.
    final JsonNode sla = api("sla", "", manager());
    assertThat(rows(sla))
        .containsExactly(
            List.of("All groups", "P1", "2", "50.0", "2", "50.0"),
            List.of("All groups", "P2", "2", "50.0", "1", "100.0"),
            asList("All groups", "P3", "1", "100.0", "0", null),
            List.of(EAST, "P1", "2", "50.0", "2", "50.0"),
            asList(EAST, "P3", "1", "100.0", "0", null),
            List.of(WEST, "P2", "2", "50.0", "1", "100.0"));
  }

  @Test
  void meanTimesToAcknowledgeAndResolvePerWeek() throws Exception {
    // MTTA (10 + 30 + 60 + 20 + 90) / 5 = 42 min; MTTR (4 + 24 + 2) / 3 = 10 h.
    assertThat(rows(api("mtta-mttr", "", manager())))
        .containsExactly(List.of("2021-03-01", "6", "42.0", "10.0"));
  }

  @Test
  void backlogIsWhatIsOpenNowByGroupAndPriority() throws Exception {
    final List<List<String>> backlog = rows(api("backlog", "&group=" + EAST, manager()));
    assertThat(backlog).containsExactly(List.of(EAST, "0", "0", "2", "0", "0", "2"));
    assertThat(rows(api("backlog", "&group=" + WEST, manager())))
        .containsExactly(List.of(WEST, "0", "1", "0", "0", "0", "1"));
  }

  @Test
  void anAgentGetsTheirGroupsNumbersAndIsRefusedAnotherGroups() throws Exception {
    // Without a group the agent's numbers are rpt-east's alone: email 3, network 1.
    assertThat(rows(api("categories", "", agent())))
        .containsExactly(List.of("email", "3"), List.of("network", "1"));
    assertThat(rows(api("breaches", "", agent())))
        .extracting(row -> row.get(0))
        .containsExactly(SeededIncidents.number(2));
    mvc.perform(
            get("/api/reports/categories?from=" + FROM + "&to=" + TO + "&group=" + WEST)
                .with(agent()))
        .andExpect(status().isForbidden())
        .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
    final MockHttpSession session = signIn(AGENT);
    mvc.perform(get("/reports/categories.csv?group=" + WEST).session(session))
        .andExpect(status().isForbidden());
    mvc.perform(get("/reports?group=" + WEST).session(session)).andExpect(status().isForbidden());
    assertThat(
            html(get("/reports?from=" + FROM + "&to=" + TO).session(session))
                .select("#report-categories tbody tr")
                .eachText())
        .containsExactly("email 3", "network 1");
  }

  @Test
  void endUsersGetNoReports() throws Exception {
    final RequestPostProcessor alice = httpBasic("alice", DEMO_PASSWORD);
    mvc.perform(get("/api/reports/daily").with(alice)).andExpect(status().isForbidden());
    final MockHttpSession session = signIn("alice");
    mvc.perform(get("/reports").session(session)).andExpect(status().isForbidden());
    mvc.perform(get("/reports/daily.csv").session(session)).andExpect(status().isForbidden());
  }

  @Test
  void badRangesAndUnknownGroupsAreNamedProblems() throws Exception {
    final String reversed =
        mvc.perform(get("/api/reports/daily?from=2021-03-07&to=2021-03-01").with(manager()))
            .andExpect(status().isBadRequest())
            .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
            .andReturn()
            .getResponse()
            .getContentAsString(StandardCharsets.UTF_8);
    assertThat(json.readTree(reversed).at("/errors/from").asText())
        .isEqualTo("from (2021-03-07) is after to (2021-03-01)");
    final JsonNode unreadable =
        json.readTree(
            mvc.perform(get("/api/reports/daily?to=March").with(manager()))
                .andExpect(status().isBadRequest())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8));
    assertThat(unreadable.at("/errors/to").asText()).contains("'March'");
    final JsonNode unknownGroup =
        json.readTree(
            mvc.perform(get("/api/reports/daily?group=no-such-group").with(manager()))
                .andExpect(status().isBadRequest())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8));
    assertThat(unknownGroup.at("/errors/group").asText())
        .isEqualTo("no assignment group 'no-such-group'");
    mvc.perform(get("/api/reports/daily?from=2019-01-01&to=2021-03-01").with(manager()))
        .andExpect(status().isBadRequest());
    mvc.perform(get("/api/reports/nonsense").with(manager())).andExpect(status().isNotFound());
    final MockHttpSession session = signIn("manager.maria");
    final Document page = html(get("/reports?from=2021-03-07&to=2021-03-01").session(session));
    assertThat(page.select("#from-error").text())
        .isEqualTo("from (2021-03-07) is after to (2021-03-01)");
    mvc.perform(get("/reports?from=2021-03-07&to=2021-03-01").session(session))
        .andExpect(status().isBadRequest());
  }

  @Test
  void csvQuotesEveryCellAndDisarmsFormulas() throws Exception {
    final String csv =
        mvc.perform(
                get("/reports/categories.csv?from=" + FROM + "&to=" + TO + "&group=" + WEST)
                    .session(signIn("manager.maria")))
            .andExpect(status().isOk())
            .andExpect(content().contentTypeCompatibleWith("text/csv"))
            .andExpect(
                header()
                    .string(
                        "Content-Disposition",
                        "attachment; filename=\"categories-2021-03-01-2021-03-07.csv\""))
            .andReturn()
            .getResponse()
            .getContentAsString(StandardCharsets.UTF_8);
    assertThat(csv)
        .isEqualTo(
            "\"Category\",\"Incidents\"\r\n"
                + "\"'=cmd|calc\",\"1\"\r\n"
                + "\"wan \"\"core\"\", east\",\"1\"\r\n");
  }

  @Test
  void thePageShowsEachReportAsChartAndTable() throws Exception {
    final Document page =
        html(
            get("/reports?from=" + FROM + "&to=" + TO + "&group=" + EAST)
                .session(signIn("manager.maria")));
    final Element daily = page.selectFirst("#report-daily");
    assertThat(daily.select("svg.fd-chart-svg")).hasSize(1);
    assertThat(daily.select("svg circle")).hasSize(7 * 6);
    // Counts get whole-numbered axes (at most 1 a day here: 0 to 4 in steps of 1).
    assertThat(daily.select("svg text.fd-axis[text-anchor=end]").eachText())
        .containsExactly("0", "1", "2", "3", "4");
    assertThat(daily.select("details table tbody tr")).hasSize(7);
    assertThat(daily.select("details table tbody tr").get(0).select("td").eachText())
        .containsExactly("2021-03-01", "1", "1", "0", "0", "0", "0");
    assertThat(page.select("#csv-daily").attr("href"))
        .isEqualTo("/reports/daily.csv?from=2021-03-01&to=2021-03-07&group=rpt-east");
    assertThat(page.select("#report-breaches table tbody tr a").eachText())
        .containsExactly(SeededIncidents.number(2));
    assertThat(page.select("nav a[href=/reports]")).hasSize(1);
  }

  private static List<String> asList(final String... cells) {
    return java.util.Arrays.asList(cells);
  }
}
