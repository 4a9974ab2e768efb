package io.flowdesk.app.knowledge;

import io.camunda.client.CamundaClient;
import io.flowdesk.app.record.ProcessNotStartedException;
import io.flowdesk.domain.knowledge.Article;
import io.flowdesk.domain.knowledge.KnowledgeArticles;
import io.flowdesk.domain.record.Actor;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Submits a draft for review: the article goes In review, then the latest version of model {@code
 * knowledge-review} (processes/knowledge/) starts and its instance is recorded. If the model does
 * not start, the submission is undone (the article is a draft again, as if never submitted) and the
 * caller gets an error.
 */
@Service
public class KnowledgeReview {

  static final String PROCESS_ID = "knowledge-review";

  private static final Logger LOG = LoggerFactory.getLogger(KnowledgeReview.class);

  private final KnowledgeArticles articles;
  private final CamundaClient client;
  private final String reviewers;

  KnowledgeReview(
      final KnowledgeArticles articles,
      final CamundaClient client,
      @Value("${flowdesk.knowledge.reviewers:knowledge-management}") final String reviewers) {
    this.articles = articles;
    this.client = client;
    this.reviewers = reviewers;
  }

  /**
   * @throws io.flowdesk.domain.record.TransitionRefusedException the article is no draft
   * @throws ProcessNotStartedException the review did not start; the article is a draft again
   */
  public Article submit(final Article article, final String username) {
    final Actor actor = Actor.person(username);
    final Article submitted = articles.submit(article.id(), actor);
    final long key;
    try {
      key =
          client
              .newCreateInstanceCommand()
              .bpmnProcessId(PROCESS_ID)
              .latestVersion()
              .variables(
                  Map.of(
                      "articleNumber", submitted.number(),
                      "title", submitted.title(),
                      "author", submitted.author(),
                      "reviewers", reviewers))
              .send()
              .join()
              .getProcessInstanceKey();
    } catch (RuntimeException startFailed) {
      LOG.error("Process {} did not start for {}", PROCESS_ID, submitted.number(), startFailed);
      try {
        articles.withdrawReview(submitted.id(), actor);
      } catch (RuntimeException undoFailed) {
        startFailed.addSuppressed(undoFailed);
      }
      throw new ProcessNotStartedException(submitted.number(), PROCESS_ID, startFailed);
    }
    return articles.started(submitted.id(), key, actor);
  }
}
