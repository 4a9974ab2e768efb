package io.flowdesk.workers.processes;

import static io.flowdesk.workers.processes.ItemTesting.awaitTask;
import static io.flowdesk.workers.processes.ItemTesting.complete;
import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.response.UserTask;
import io.flowdesk.domain.knowledge.Article;
import io.flowdesk.domain.knowledge.ArticleDraft;
import io.flowdesk.domain.knowledge.ArticleState;
import io.flowdesk.domain.knowledge.Audience;
import io.flowdesk.domain.knowledge.KnowledgeArticles;
import io.flowdesk.domain.record.Actor;
import io.flowdesk.domain.record.JournalEntry;
import io.flowdesk.engine.Engine;
import io.flowdesk.engine.test.EngineRecords;
import io.flowdesk.engine.test.FlowdeskEngineTest;
import io.flowdesk.workers.SpringWorkers;
import io.flowdesk.workers.WorkerTesting;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * processes/knowledge/knowledge-review.bpmn as packaged, with its form and the knowledge workers as
 * the app runs them. The test plays the knowledge manager: it answers the review task as the inbox
 * does.
 */
@FlowdeskEngineTest
class KnowledgeReviewProcessTest {

  static ConfigurableApplicationContext app;
  static KnowledgeArticles articles;

  CamundaClient client;
  EngineRecords records;
  Engine engine;

  @BeforeEach
  void workersAndModel() {
    if (app != null) {
      return;
    }
    app =
        SpringWorkers.start(
            engine,
            "flowdesk.secrets.key=" + java.util.Base64.getEncoder().encodeToString(new byte[32]));
    articles = app.getBean(KnowledgeArticles.class);
    ItemTesting.deploy(
        client, List.of("knowledge/knowledge-review.bpmn"), List.of("knowledge-review.form"));
  }

  @AfterAll
  static void stop() {
    app.close();
    app = null;
  }

  private record Submitted(Article article, long instance, UserTask review) {}

  private Submitted submit(final String title) {
    final Article written =
        articles.write(
            new ArticleDraft(title, "Restart the client.", "network", Audience.PUBLIC),
            null,
            null,
            Actor.person("agent.anna"));
    articles.submit(written.id(), Actor.person("agent.anna"));
    final long instance =
        WorkerTesting.start(
            client,
            "knowledge-review",
            Map.of(
                "articleNumber",
                written.number(),
                "title",
                title,
                "author",
                "agent.anna",
                "reviewers",
                "knowledge-management"));
    final UserTask review = awaitTask(client, instance, "reviewArticle");
    return new Submitted(written, instance, review);
  }

  @Test
  void anApprovedDraftIsPublishedAsItsFirstVersion() {
    final Submitted submitted = submit("VPN disconnects every few minutes");
    assertThat(submitted.review().getCandidateGroups()).containsExactly("knowledge-management");
    assertThat(submitted.review().getFormKey()).isNotNull();

    complete(client, submitted.review(), Map.of("reviewDecision", "publish"));
    records.awaitCompleted(submitted.instance());

    final Article published = articles.find(submitted.article().id()).orElseThrow();
    assertThat(published.state()).isEqualTo(ArticleState.PUBLISHED);
    assertThat(published.published().version()).isEqualTo(1);
    assertThat(published.published().title()).isEqualTo("VPN disconnects every few minutes");
    assertThat(articles.versions(published.id())).hasSize(1);
  }

  @Test
  void aRejectedDraftGoesBackToItsAuthorWithTheComment() {
    final Submitted submitted = submit("Printer jams");

    complete(
        client,
        submitted.review(),
        Map.of("reviewDecision", "reject", "reviewComment", "Add the tray to check first."));
    records.awaitCompleted(submitted.instance());

    final Article rejected = articles.find(submitted.article().id()).orElseThrow();
    assertThat(rejected.state()).isEqualTo(ArticleState.DRAFT);
    assertThat(rejected.published()).isNull();
    assertThat(rejected.reviewComment()).isEqualTo("Add the tray to check first.");
    assertThat(articles.journal(rejected.id(), false))
        .extracting(JournalEntry::text)
        .containsExactly("Review: Add the tray to check first.");
  }
}
