package io.flowdesk.workers.knowledge;

import io.flowdesk.domain.knowledge.KnowledgeArticles;
import io.flowdesk.workers.ConnectorProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The knowledge review's workers on the domain's {@link KnowledgeArticles}. */
@Configuration(proxyBeanMethods = false)
public class KnowledgeWorkersConfiguration {

  @Bean
  public KnowledgePublishWorker knowledgePublishWorker(
      final KnowledgeArticles articles, final ConnectorProperties properties) {
    return new KnowledgePublishWorker(articles, properties.retryBackoff());
  }

  @Bean
  public KnowledgeRejectWorker knowledgeRejectWorker(
      final KnowledgeArticles articles, final ConnectorProperties properties) {
    return new KnowledgeRejectWorker(articles, properties.retryBackoff());
  }
}
