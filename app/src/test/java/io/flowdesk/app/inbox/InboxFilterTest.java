package io.flowdesk.app.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.camunda.client.CamundaClient;
import io.flowdesk.app.IncidentTasks;
import io.flowdesk.app.WebTestSupport;
import io.flowdesk.domain.incident.IncidentRecords;
import java.util.UUID;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;

/** The inbox's text filter and each agent's saved inbox filters. */
class InboxFilterTest extends WebTestSupport {

  @Autowired CamundaClient client;
  @Autowired IncidentRecords records;

  private IncidentTasks incidents;

  @BeforeEach
  void standInProcess() {
    incidents = new IncidentTasks(client, records);
  }

  private static String unique(final String word) {
    return word + UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void theTextFilterKeepsTasksWhoseRecordNumberOrWordsMentionIt() throws Exception {
    final String scanner = unique("Scanner");
    final IncidentTasks.Waiting wanted =
        incidents.reportedBy("alice", scanner + " on floor 2 feeds no paper", null);
    final IncidentTasks.Waiting other =
        incidents.reportedBy("bob", unique("Monitor") + " flickers", null);
    final MockHttpSession anna = signIn("agent.anna");

    final Document byWords =
        html(get("/inbox").param("view", "groups").param("q", scanner.toLowerCase()).session(anna));
    assertThat(byWords.select("tr[data-task-key]"))
        .extracting(row -> row.attr("data-task-key"))
        .containsExactly(Long.toString(wanted.key()));
    assertThat(byWords.selectFirst("#inbox-q").val()).isEqualTo(scanner.toLowerCase());
    assertThat(byWords.selectFirst("caption").text()).contains("1 open task mentions");

    final Document byNumber =
        html(get("/inbox").param("view", "groups").param("q", other.number()).session(anna));
    assertThat(byNumber.select("tr[data-task-key]"))
        .extracting(row -> row.attr("data-task-key"))
        .containsExactly(Long.toString(other.key()));

    final Document nothing =
        html(get("/inbox").param("view", "groups").param("q", unique("nowhere")).session(anna));
    assertThat(nothing.select("tr[data-task-key]")).isEmpty();
    assertThat(nothing.selectFirst(".fd-empty").text()).startsWith("No open task here mentions");
  }

  @Test
  void theTextFilterMatchesTheTaskAndProcessName() throws Exception {
    final IncidentTasks.Waiting waiting = incidents.reportedBy("alice", unique("Dock"), null);

    final Document page =
        html(
            get("/inbox")
                .param("view", "groups")
                .param("sort", "created")
                .param("q", IncidentTasks.PROCESS)
                .session(signIn("agent.anna")));

    assertThat(page.select("tr[data-task-key=" + waiting.key() + "]")).hasSize(1);
  }

  @Test
  void aSavedFilterIsListedForItsOwnerOnlyAndLeadsBackToTheFilter() throws Exception {
    final MockHttpSession anna = signIn("agent.anna");
    final String name = unique("Scanners ");
    final String query = "view=groups&sort=due&q=scanner";

    mvc.perform(
            post("/inbox/filters")
                .session(anna)
                .with(csrf())
                .param("name", name)
                .param("query", query))
        .andExpect(redirectedUrl("/inbox?" + query));

    final Element link = savedFilter(html(get("/inbox").session(anna)), name);
    assertThat(link).isNotNull();
    assertThat(link.attr("href")).isEqualTo("/inbox?" + query);
    final Document followed = html(get(link.attr("href")).session(anna));
    assertThat(followed.selectFirst("#inbox-q").val()).isEqualTo("scanner");
    assertThat(followed.selectFirst("#sort option[selected]").val()).isEqualTo("due");

    final MockHttpSession maria = signIn("manager.maria");
    assertThat(savedFilter(html(get("/inbox").session(maria)), name)).isNull();
    final String deletion = link.parent().selectFirst("form[action*=/deletion]").attr("action");
    mvc.perform(post(deletion).session(maria).with(csrf())).andExpect(redirectedUrl("/inbox"));
    assertThat(savedFilter(html(get("/inbox").session(anna)), name))
        .as("another agent cannot delete it")
        .isNotNull();

    mvc.perform(post(deletion).session(anna).with(csrf())).andExpect(redirectedUrl("/inbox"));
    assertThat(savedFilter(html(get("/inbox").session(anna)), name)).isNull();
  }

  @Test
  void aFilterThatIsNotTheInboxsQueryOrHasNoNameIsNotSaved() throws Exception {
    final MockHttpSession anna = signIn("agent.anna");

    final var refused =
        mvc.perform(
                post("/inbox/filters")
                    .session(anna)
                    .with(csrf())
                    .param("name", "Elsewhere")
                    .param("query", "q=x\"><script>alert(1)</script>"))
            .andExpect(redirectedUrl("/inbox"))
            .andReturn();
    assertThat(refused.getFlashMap().get("problem")).asString().contains("not saved");

    final var unnamed =
        mvc.perform(
                post("/inbox/filters")
                    .session(anna)
                    .with(csrf())
                    .param("name", "  ")
                    .param("query", "view=mine"))
            .andReturn();
    assertThat(unnamed.getFlashMap().get("problem")).asString().contains("name");
    assertThat(html(get("/inbox").session(anna)).select("#saved-filters a"))
        .noneMatch(a -> a.text().equals("Elsewhere"));
  }

  @Test
  void savingAFilterNeedsTheFormsToken() throws Exception {
    final String name = unique("Forged ");
    mvc.perform(
            post("/inbox/filters")
                .session(signIn("agent.anna"))
                .param("name", name)
                .param("query", "view=mine"))
        .andExpect(status().isForbidden());
    assertThat(savedFilter(html(get("/inbox").session(signIn("agent.anna"))), name)).isNull();
  }

  private static Element savedFilter(final Document page, final String name) {
    return page.select("#saved-filters a").stream()
        .filter(a -> a.text().equals(name))
        .findFirst()
        .orElse(null);
  }
}
