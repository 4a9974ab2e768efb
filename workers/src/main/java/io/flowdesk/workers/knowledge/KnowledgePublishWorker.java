package io.flowdesk.workers.knowledge;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobClient;
import io.flowdesk.domain.knowledge.Article;
import io.flowdesk.domain.knowledge.KnowledgeArticles;
import io.flowdesk.domain.record.Actor;
import io.flowdesk.workers.JobInputs;
import io.flowdesk.workers.JobOutcomes;
import java.time.Duration;
import java.util.Map;

/**
 * Task type {@code flowdesk:knowledge-publish}: the reviewed draft of {@code articleNumber} becomes
 * its next published version. Result {@code publishedVersion}. Once per job key; an article not in
 * review fails the job (retried, then an incident).
 */
public class KnowledgePublishWorker {

  public static final String TYPE = "flowdesk:knowledge-publish";

  private final KnowledgeArticles articles;
  private final JobOutcomes outcomes;

  public KnowledgePublishWorker(final KnowledgeArticles articles, final Duration retryBackoff) {
    this.articles = articles;
    this.outcomes = new JobOutcomes("knowledge", retryBackoff);
  }

  @JobWorker(
      type = TYPE,
      autoComplete = false,
      fetchVariables = {KnowledgeJobs.NUMBER})
  public void handle(final JobClient client, final ActivatedJob job) {
    outcomes.handle(client, job, this::publish);
  }

  /** Publishes the article. */
  public Map<String, Object> publish(final JobInputs inputs) {
    final Article article = KnowledgeJobs.article(articles, inputs);
    final Article published = articles.publish(article.id(), Actor.job(inputs.jobKey()));
    return Map.of("publishedVersion", published.published().version());
  }
}
