package io.flowdesk.app.report;

import static io.flowdesk.app.report.SeededIncidents.AGENT;
import static io.flowdesk.app.report.SeededIncidents.FROM;
import static io.flowdesk.app.report.SeededIncidents.TO;
import static io.flowdesk.app.report.SeededIncidents.WEST;
import static io.flowdesk.app.report.SeededIncidents.number;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.flowdesk.app.WebTestSupport;
import io.flowdesk.domain.directory.Directory;
import java.util.List;
import javax.sql.DataSource;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The agents' and managers' incident list over {@link SeededIncidents}: filters, sort, columns,
 * saved filters, links to the record pages, and who sees which rows (an agent never another
 * group's, whatever the filter; end users 403).
 */
class IncidentListTest extends WebTestSupport {

  private static final String RANGE = "from=" + FROM + "&to=" + TO;

  @Autowired DataSource dataSource;
  @Autowired Directory directory;
  @Autowired PasswordEncoder passwords;

  @BeforeEach
  void seed() {
    SeededIncidents.seed(dataSource, directory, passwords);
  }

  private List<String> numbers(final MockHttpSession session, final String query) throws Exception {
    return html(get("/incidents?" + query).session(session))
        .select("#incidents tbody tr td:first-child a")
        .eachText();
  }

  @Test
  void aManagerFiltersSortsAndPicksColumns() throws Exception {
    final MockHttpSession manager = signIn("manager.maria");
    assertThat(numbers(manager, RANGE + "&sort=created&dir=asc"))
        .containsExactly(number(1), number(2), number(3), number(5), number(6), number(4));
    assertThat(numbers(manager, RANGE + "&breached=yes&sort=number&dir=asc"))
        .containsExactly(number(2), number(6));
    assertThat(numbers(manager, RANGE + "&ci=core-switch-01")).containsExactly(number(5));
    assertThat(numbers(manager, RANGE + "&state=NEW&state=IN_PROGRESS&sort=number&dir=asc"))
        .containsExactly(number(3), number(4));
    assertThat(numbers(manager, RANGE + "&priority=P2&group=" + WEST + "&sort=number&dir=asc"))
        .containsExactly(number(5), number(6));
    assertThat(numbers(manager, "q=report incident 4&" + RANGE)).containsExactly(number(4));
    assertThat(numbers(manager, "from=2021-03-04&to=2021-03-04")).containsExactly(number(6));
    final Document chosen =
        html(get("/incidents?" + RANGE + "&cols=number&cols=ci&sort=number").session(manager));
    assertThat(chosen.select("#incidents thead th").eachText())
        .containsExactly("Number", "Configuration item");
    assertThat(chosen.select("#incidents tbody tr td:first-child a").first().attr("href"))
        .isEqualTo("/incidents/" + number(6));
    assertThat(chosen.select("#incidents thead th a").first().attr("href"))
        .isEqualTo(
            "/incidents?from=2021-03-01&to=2021-03-07&cols=number&cols=ci&sort=number&dir=asc");
  }

  @Test
  void anAgentSeesTheirGroupsIncidentsOnlyWhateverTheFilter() throws Exception {
    final MockHttpSession agent = signIn(AGENT);
    assertThat(numbers(agent, RANGE + "&sort=number&dir=asc"))
        .containsExactly(number(1), number(2), number(3), number(4));
    assertThat(numbers(agent, RANGE + "&group=" + WEST)).isEmpty();
    assertThat(numbers(agent, RANGE + "&ci=core-switch-01")).isEmpty();
    mvc.perform(get("/incidents/" + number(5)).session(agent)).andExpect(status().isForbidden());
  }

  @Test
  void endUsersHaveMyRequestsInstead() throws Exception {
    mvc.perform(get("/incidents").session(signIn("alice"))).andExpect(status().isForbidden());
  }

  @Test
  void badFiltersAreNamedAtTheirField() throws Exception {
    final MockHttpSession manager = signIn("manager.maria");
    mvc.perform(get("/incidents?from=2021-03-07&to=2021-03-01").session(manager))
        .andExpect(status().isBadRequest());
    final Document page = html(get("/incidents?from=yesterday&state=LOST").session(manager));
    assertThat(page.select("#from-error").text())
        .isEqualTo("from must be a date such as 2026-01-31, not 'yesterday'");
    assertThat(page.select(".fd-field-error").eachText()).contains("no state 'LOST'");
    mvc.perform(get("/incidents?sort=summary").session(manager)).andExpect(status().isBadRequest());
  }

  @Test
  void savedFiltersAreEachPersonsOwn() throws Exception {
    final MockHttpSession agent = signIn(AGENT);
    mvc.perform(
            post("/incidents/filters")
                .param("name", "East P1s")
                .param("query", "priority=P1&" + RANGE)
                .session(agent)
                .with(csrf()))
        .andExpect(status().is3xxRedirection());
    final Document list = html(get("/incidents").session(agent));
    assertThat(list.select("#saved-filters a").eachText()).containsExactly("East P1s");
    final String href = list.select("#saved-filters a").attr("href");
    assertThat(numbers(agent, href.substring(href.indexOf('?') + 1) + "&sort=number&dir=asc"))
        .containsExactly(number(1), number(2));
    assertThat(html(get("/incidents").session(signIn("manager.maria"))).select("#saved-filters"))
        .isEmpty();
    mvc.perform(
            post("/incidents/filters")
                .param("name", "Elsewhere")
                .param("query", "a=b\r\nLocation: https://evil.example")
                .session(agent)
                .with(csrf()))
        .andExpect(status().is3xxRedirection());
    assertThat(html(get("/incidents").session(agent)).select("#saved-filters a").eachText())
        .containsExactly("East P1s");
  }
}
