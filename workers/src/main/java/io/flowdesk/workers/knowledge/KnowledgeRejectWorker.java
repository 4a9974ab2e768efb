package io.flowdesk.workers.knowledge;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobClient;
import io.flowdesk.domain.knowledge.Article;
import io.flowdesk.domain.knowledge.KnowledgeArticles;
import io.flowdesk.domain.record.Actor;
import io.flowdesk.workers.InvalidJobInputException;
import io.flowdesk.workers.JobInputs;
import io.flowdesk.workers.JobOutcomes;
import java.time.Duration;
import java.util.Map;

/**
 * Task type {@code flowdesk:knowledge-reject}: sends {@code articleNumber} back to its author as a
 * draft with the reviewer's {@code reviewComment} (required; without one BPMN error {@code
 * FLOWDESK_KNOWLEDGE_INVALID_INPUT}). Once per job key.
 */
public class KnowledgeRejectWorker {

  public static final String TYPE = "flowdesk:knowledge-reject";

  private final KnowledgeArticles articles;
  private final JobOutcomes outcomes;

  public KnowledgeRejectWorker(final KnowledgeArticles articles, final Duration retryBackoff) {
    this.articles = articles;
    this.outcomes = new JobOutcomes("knowledge", retryBackoff);
  }

  @JobWorker(
      type = TYPE,
      autoComplete = false,
      fetchVariables = {KnowledgeJobs.NUMBER, "reviewComment"})
  public void handle(final JobClient client, final ActivatedJob job) {
    outcomes.handle(client, job, this::reject);
  }

  /** Sends the article back. */
  public Map<String, Object> reject(final JobInputs inputs) {
    final String comment =
        inputs
            .optionalText("reviewComment")
            .filter(text -> !text.isBlank())
            .orElseThrow(
                () -> new InvalidJobInputException("input 'reviewComment' is missing or empty"));
    final Article article = KnowledgeJobs.article(articles, inputs);
    final Article rejected = articles.reject(article.id(), comment, Actor.job(inputs.jobKey()));
    return Map.of("articleState", rejected.state().name());
  }
}
