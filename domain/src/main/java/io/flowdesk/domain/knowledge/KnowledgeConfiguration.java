package io.flowdesk.domain.knowledge;

import io.flowdesk.domain.DomainConfiguration.DomainSchemaReady;
import io.flowdesk.domain.problem.ProblemJpaConfiguration;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

/** The knowledge base wherever the domain's schema is (plain SQL, no JPA needed). */
@AutoConfiguration(after = ProblemJpaConfiguration.class)
@ConditionalOnBean(DomainSchemaReady.class)
public class KnowledgeConfiguration {

  @Bean
  public KnowledgeArticles knowledgeArticles(
      final DataSource dataSource, final ObjectProvider<PlatformTransactionManager> transactions) {
    return new KnowledgeArticles(
        dataSource, transactions.getIfUnique(() -> new DataSourceTransactionManager(dataSource)));
  }

  @Bean
  public KnowledgeSearch knowledgeSearch(final DataSource dataSource) {
    return new KnowledgeSearch(dataSource);
  }
}
