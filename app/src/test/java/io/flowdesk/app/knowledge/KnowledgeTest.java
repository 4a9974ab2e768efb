package io.flowdesk.app.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.response.UserTask;
import io.flowdesk.app.WebTestSupport;
import io.flowdesk.domain.incident.ChangeSource;
import io.flowdesk.domain.incident.Incident;
import io.flowdesk.domain.incident.IncidentChange;
import io.flowdesk.domain.incident.IncidentRecords;
import io.flowdesk.domain.incident.IncidentState;
import io.flowdesk.domain.incident.Level;
import io.flowdesk.domain.incident.NewIncident;
import io.flowdesk.domain.knowledge.Article;
import io.flowdesk.domain.knowledge.ArticleDraft;
import io.flowdesk.domain.knowledge.ArticleState;
import io.flowdesk.domain.knowledge.Audience;
import io.flowdesk.domain.knowledge.KnowledgeArticles;
import io.flowdesk.domain.problem.NewProblem;
import io.flowdesk.domain.problem.Problem;
import io.flowdesk.domain.problem.ProblemRecords;
import io.flowdesk.domain.record.Actor;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;

/**
 * The knowledge base through the pages and the API: the review-and-publish flow through the inbox,
 * who reads what (an end user never gets an agents-only article, by page, API or search), search
 * ranking, Markdown that cannot run script, "This solved it" counted per article, and articles
 * written from a resolved incident.
 */
class KnowledgeTest extends WebTestSupport {

  @Autowired CamundaClient client;
  @Autowired KnowledgeArticles articles;
  @Autowired IncidentRecords incidents;
  @Autowired ObjectMapper json;
  @Autowired ProblemRecords problems;

  /** A word no other test's article contains, so searches see only this test's articles. */
  private static String word() {
    return "kb"
        + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toLowerCase(Locale.ROOT);
  }

  /** An article published as the review model would publish it. */
  private Article published(
      final String title, final String body, final String category, final Audience audience) {
    final Actor anna = Actor.person("agent.anna");
    final Article written =
        articles.write(new ArticleDraft(title, body, category, audience), null, null, anna);
    articles.submit(written.id(), anna);
    return articles.publish(written.id(), Actor.person("manager.maria"));
  }

  private JsonNode api(final MockHttpSession session, final String path) throws Exception {
    return json.readTree(
        mvc.perform(get(path).session(session).accept(MediaType.APPLICATION_JSON))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString(StandardCharsets.UTF_8));
  }

  private static List<String> numbers(final JsonNode hits) {
    final List<String> numbers = new java.util.ArrayList<>();
    hits.forEach(hit -> numbers.add(hit.get("number").asText()));
    return numbers;
  }

  private UserTask reviewTask(final long instance) {
    final UserTask[] task = new UserTask[1];
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              final List<UserTask> open =
                  client
                      .newUserTaskSearchRequest()
                      .filter(f -> f.processInstanceKey(instance).state(UserTaskState.CREATED))
                      .send()
                      .join()
                      .items();
              task[0] = open.isEmpty() ? null : open.get(0);
              return task[0] != null;
            });
    return task[0];
  }

  @Test
  void anAuthorsDraftIsReviewedInTheInboxPublishedAndReadWhileTheNextDraftIsWritten()
      throws Exception {
    final MockHttpSession anna = signIn("agent.anna");
    final MockHttpSession maria = signIn("manager.maria");
    final MockHttpSession alice = signIn("alice");
    final String title = "VPN " + word() + " disconnects every few minutes";

    final String location =
        mvc.perform(
                post("/knowledge")
                    .session(anna)
                    .with(csrf())
                    .param("_once", UUID.randomUUID().toString())
                    .param("title", title)
                    .param("category", "network")
                    .param("audience", "PUBLIC")
                    .param("body", "## Fix\n\nRestart the **VPN client**."))
            .andExpect(status().is3xxRedirection())
            .andReturn()
            .getResponse()
            .getRedirectedUrl();
    final String number = location.substring("/knowledge/".length());
    assertThat(number).matches("KB\\d{7}");
    // A draft is nobody's to read but the writers'.
    mvc.perform(get(location).session(alice)).andExpect(status().isNotFound());

    mvc.perform(post(location + "/submit").session(anna).with(csrf()))
        .andExpect(status().is3xxRedirection());
    final Article inReview = articles.findByNumber(number).orElseThrow();
    assertThat(inReview.state()).isEqualTo(ArticleState.IN_REVIEW);

    final UserTask review = reviewTask(inReview.processInstanceKey());
    assertThat(review.getCandidateGroups()).containsExactly("knowledge-management");
    // The group inbox says what the review is about, and from which process.
    final org.jsoup.nodes.Element row =
        html(get("/inbox?view=groups").session(maria))
            .selectFirst("tr[data-task-key=" + review.getUserTaskKey() + "]");
    assertThat(row).isNotNull();
    assertThat(row.selectFirst("a[href=/knowledge/" + number + "]")).isNotNull();
    assertThat(row.text()).contains("(In review)");
    final Document task = html(get("/inbox/tasks/" + review.getUserTaskKey()).session(maria));
    assertThat(task.select("input[name=reviewDecision]").eachAttr("value"))
        .containsExactly("publish", "reject");
    mvc.perform(
            post("/inbox/tasks/" + review.getUserTaskKey())
                .session(maria)
                .with(csrf())
                .param("reviewDecision", "publish"))
        .andExpect(status().is3xxRedirection());
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> articles.findByNumber(number).orElseThrow().state() == ArticleState.PUBLISHED);

    final Document read = html(get(location).session(alice));
    assertThat(read.select("#article-title").text()).isEqualTo(title);
    assertThat(read.select("#article-body strong").text()).isEqualTo("VPN client");
    assertThat(read.select("#article-state")).isEmpty();

    // The next draft: readers keep version 1 until it is published; a rejection sends it back.
    mvc.perform(
            post(location + "/edit")
                .session(anna)
                .with(csrf())
                .param("title", "Changed " + title)
                .param("category", "network")
                .param("audience", "PUBLIC")
                .param("body", "Changed text"))
        .andExpect(status().is3xxRedirection());
    mvc.perform(post(location + "/submit").session(anna).with(csrf()))
        .andExpect(status().is3xxRedirection());
    assertThat(html(get(location).session(alice)).select("#article-title").text()).isEqualTo(title);
    final UserTask second =
        reviewTask(articles.findByNumber(number).orElseThrow().processInstanceKey());
    mvc.perform(
            post("/inbox/tasks/" + second.getUserTaskKey())
                .session(maria)
                .with(csrf())
                .param("reviewDecision", "reject")
                .param("reviewComment", "Say which client version."))
        .andExpect(status().is3xxRedirection());
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> articles.findByNumber(number).orElseThrow().state() == ArticleState.DRAFT);
    final Document back = html(get(location).session(anna));
    assertThat(back.select("#article-state").text()).isEqualTo("Draft");
    assertThat(back.select("#review-comment").text()).contains("Say which client version.");
    assertThat(back.select("#published-version").text()).isEqualTo("1");
    assertThat(html(get(location).session(alice)).select("#article-title").text()).isEqualTo(title);
  }

  @Test
  void anEndUserNeverGetsAnAgentsOnlyArticleByPageApiOrSearch() throws Exception {
    final String word = word();
    final Article internal =
        published(
            "Reset the " + word + " concentrator", "Console steps.", "network", Audience.AGENTS);
    final Article open =
        published(
            "Reconnect the " + word + " client", "Click reconnect.", "network", Audience.PUBLIC);
    final MockHttpSession alice = signIn("alice");
    final MockHttpSession anna = signIn("agent.anna");

    mvc.perform(get("/knowledge/" + internal.number()).session(alice))
        .andExpect(status().isNotFound());
    mvc.perform(
            get("/api/knowledge/articles/" + internal.number())
                .session(alice)
                .accept(MediaType.APPLICATION_JSON))
        .andExpect(status().isNotFound())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    mvc.perform(get("/knowledge/" + internal.number() + "/attachments/1").session(alice))
        .andExpect(status().isNotFound());
    assertThat(numbers(api(alice, "/api/knowledge/articles?q=" + word)))
        .containsExactly(open.number());
    assertThat(html(get("/knowledge?q=" + word).session(alice)).select("#results a").eachText())
        .containsExactly(open.title());

    assertThat(api(alice, "/api/knowledge/articles/" + open.number()).get("title").asText())
        .isEqualTo(open.title());
    assertThat(numbers(api(anna, "/api/knowledge/articles?q=" + word)))
        .containsExactlyInAnyOrder(open.number(), internal.number());
    mvc.perform(get("/knowledge/" + internal.number()).session(anna)).andExpect(status().isOk());
    // Writing is the agents': an end user's post is refused.
    mvc.perform(get("/knowledge/new").session(alice)).andExpect(status().isForbidden());
  }

  @Test
  void searchRanksTitleMatchesAboveBodyMatches() throws Exception {
    final String word = word();
    final Article inBody =
        published(
            "Paper trays",
            "If the " + word + " shows an error, open the tray.",
            "printing",
            Audience.PUBLIC);
    final Article inTitle =
        published(
            "Printer " + word + " jams", "Open the front cover.", "printing", Audience.PUBLIC);
    final MockHttpSession alice = signIn("alice");

    assertThat(numbers(api(alice, "/api/knowledge/articles?q=" + word)))
        .containsExactly(inTitle.number(), inBody.number());
    // While typing: the last word counts as a prefix.
    assertThat(numbers(api(alice, "/api/knowledge/articles?q=printer+" + word.substring(0, 7))))
        .startsWith(inTitle.number());
    mvc.perform(get("/api/knowledge/articles?limit=0").session(alice))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
  }

  @Test
  void markdownIsRenderedWithoutScriptsOrScriptLinksAndOddMarkdownIsText() throws Exception {
    final Article article =
        published(
            "Markdown " + word(),
            "Hello <script>alert('x')</script> and <img src=x onerror=alert(1)>\n\n"
                + "[click](javascript:alert(1)) [ok](https://example.com/help)\n\n"
                + "[unclosed](\n\n```\nnever closed <b>",
            "general",
            Audience.PUBLIC);
    final MockHttpSession alice = signIn("alice");

    final Document page = html(get("/knowledge/" + article.number()).session(alice));
    final org.jsoup.select.Elements body = page.select("#article-body");
    assertThat(body).hasSize(1);
    assertThat(body.select("script, img, [onerror]")).isEmpty();
    assertThat(body.select("a").eachAttr("href")).containsExactly("https://example.com/help");
    assertThat(body.text()).contains("<script>alert('x')</script>").contains("never closed <b>");
    assertThat(api(alice, "/api/knowledge/articles/" + article.number()).get("bodyHtml").asText())
        .doesNotContain("<script", "javascript:", "onerror=\"");
  }

  @Test
  void thisSolvedItIsCountedPerArticleForAgentsAndCrossSitePostsAreRefused() throws Exception {
    final Article article =
        published(
            "Outlook " + word() + " asks for a password",
            "Sign in again.",
            "mail",
            Audience.PUBLIC);
    final Article other =
        published("Teams " + word() + " echo", "Check the headset.", "mail", Audience.PUBLIC);
    final MockHttpSession alice = signIn("alice");
    final MockHttpSession bob = signIn("bob");

    mvc.perform(post("/knowledge/" + article.number() + "/solved").session(alice))
        .andExpect(status().isForbidden());
    for (final MockHttpSession person : List.of(alice, bob)) {
      mvc.perform(post("/knowledge/" + article.number() + "/solved").session(person).with(csrf()))
          .andExpect(status().is3xxRedirection());
    }

    final Document alicesView = html(get("/knowledge/" + article.number()).session(alice));
    assertThat(alicesView.select("#solved")).hasSize(1);
    assertThat(alicesView.select("#solved-count")).isEmpty();
    final MockHttpSession anna = signIn("agent.anna");
    final Document annasView = html(get("/knowledge/" + article.number()).session(anna));
    assertThat(annasView.select("#solved-count").text()).isEqualTo("2");
    assertThat(annasView.select("#solved, #solved-heading"))
        .as("the reader's question is not the agent's")
        .isEmpty();
    assertThat(
            html(get("/knowledge/" + other.number()).session(anna)).select("#solved-count").text())
        .isEqualTo("0");
    assertThat(html(get("/knowledge").session(anna)).select("#most-solved a").eachText())
        .contains(article.number())
        .doesNotContain(other.number());
  }

  @Test
  void anArticleWrittenFromAResolvedIncidentStartsWithItsResolutionAndIsLinkedToIt()
      throws Exception {
    final Incident reported =
        incidents.report(
            new NewIncident(
                "alice",
                "Printer on 3rd floor offline",
                "No jobs print",
                "printing",
                null,
                Level.LOW,
                Level.LOW),
            ChangeSource.person("alice"));
    final Incident resolved =
        incidents.change(
            reported.id(),
            IncidentChange.of()
                .state(IncidentState.RESOLVED)
                .resolutionCode("workaround")
                .resolutionNotes("Power-cycled the print server."),
            ChangeSource.person("manager.maria"));
    final MockHttpSession maria = signIn("manager.maria");

    final Document incidentPage = html(get("/incidents/" + resolved.number()).session(maria));
    assertThat(incidentPage.select("#create-article").attr("href"))
        .isEqualTo("/knowledge/new?incident=" + resolved.number());
    final Document form = html(get("/knowledge/new?incident=" + resolved.number()).session(maria));
    assertThat(form.select("#article-title").val()).isEqualTo("Printer on 3rd floor offline");
    assertThat(form.select("#article-body").text()).contains("Power-cycled the print server.");
    assertThat(form.select("input[name=sourceIncident]").val()).isEqualTo(resolved.number());

    final String location =
        mvc.perform(
                post("/knowledge")
                    .session(maria)
                    .with(csrf())
                    .param("_once", UUID.randomUUID().toString())
                    .param("title", form.select("#article-title").val())
                    .param("category", form.select("#article-category").val())
                    .param("audience", "AGENTS")
                    .param("body", form.select("#article-body").text())
                    .param("sourceIncident", resolved.number()))
            .andExpect(status().is3xxRedirection())
            .andReturn()
            .getResponse()
            .getRedirectedUrl();
    final String number = location.substring("/knowledge/".length());
    assertThat(articles.findByNumber(number).orElseThrow().sourceIncident())
        .isEqualTo(resolved.number());
    assertThat(
            html(get("/incidents/" + resolved.number()).session(maria))
                .select("#linked-articles a")
                .eachText())
        .containsExactly(number);
    assertThat(html(get(location).session(maria)).select("#source-incident").text())
        .isEqualTo(resolved.number());
  }

  @Test
  void anArticleFromAKnownErrorStartsWithItsWorkaroundAndOtherProblemsHaveNone() throws Exception {
    final Actor maria = Actor.person("manager.maria");
    final Problem known =
        problems.record(
            new NewProblem(
                "Wi-Fi drops in building B",
                "Laptops lose the network every hour.",
                "network",
                List.of(),
                "problem-management",
                null,
                io.flowdesk.domain.incident.Priority.P3,
                List.of(),
                "manager.maria",
                false),
            maria);
    problems.markKnownError(known.id(), "Forget the network and join again.", maria);
    final Problem unknown =
        problems.record(
            new NewProblem(
                "Printers slow",
                null,
                "printing",
                List.of(),
                "problem-management",
                null,
                io.flowdesk.domain.incident.Priority.P4,
                List.of(),
                "manager.maria",
                false),
            maria);
    final MockHttpSession session = signIn("manager.maria");

    assertThat(
            html(get("/problems/" + known.number()).session(session))
                .select("#create-article")
                .attr("href"))
        .isEqualTo("/knowledge/new?problem=" + known.number());
    final Document form = html(get("/knowledge/new?problem=" + known.number()).session(session));
    assertThat(form.select("#article-title").val()).isEqualTo("Wi-Fi drops in building B");
    assertThat(form.select("#article-body").text()).contains("Forget the network and join again.");
    assertThat(form.select("input[name=sourceProblem]").val()).isEqualTo(known.number());
    mvc.perform(get("/knowledge/new?problem=" + unknown.number()).session(session))
        .andExpect(status().isConflict());
  }

  @Test
  void theFormNamesEachProblemAtItsFieldAndWritesNothing() throws Exception {
    final MockHttpSession anna = signIn("agent.anna");
    final String title = "Kept " + word();
    final Document form =
        org.jsoup.Jsoup.parse(
            mvc.perform(
                    post("/knowledge")
                        .session(anna)
                        .with(csrf())
                        .param("title", title)
                        .param("category", "")
                        .param("audience", "EVERYBODY")
                        .param("body", ""))
                .andExpect(status().isUnprocessableEntity())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8));
    assertThat(form.select("#article-body-error").text()).contains("is required");
    assertThat(form.select("#article-category-error").text()).contains("is required");
    assertThat(form.select("#article-audience-error").text()).contains("EVERYBODY");
    assertThat(form.select("#article-title").val()).isEqualTo(title);
    assertThat(articles.unpublishedDrafts(500)).extracting(Article::title).doesNotContain(title);
  }
}
