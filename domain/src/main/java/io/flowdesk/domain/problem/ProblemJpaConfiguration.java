package io.flowdesk.domain.problem;

import io.flowdesk.domain.DomainConfiguration.DomainSchemaReady;
import io.flowdesk.domain.change.ChangeJpaConfiguration;
import jakarta.persistence.EntityManagerFactory;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.domain.EntityScan;
import org.springframework.context.annotation.Bean;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The problem records on Spring Boot's JPA, next to the changes' ({@link ChangeJpaConfiguration}):
 * entity scan and repositories of {@code domain.problem} only.
 */
@AutoConfiguration(after = ChangeJpaConfiguration.class)
@ConditionalOnBean({EntityManagerFactory.class, DomainSchemaReady.class})
@EntityScan(basePackageClasses = ProblemRow.class)
@EnableJpaRepositories(basePackageClasses = ProblemRepository.class)
public class ProblemJpaConfiguration {

  @Bean
  public ProblemRecords problemRecords(
      final DataSource dataSource,
      final PlatformTransactionManager transactionManager,
      final ProblemRepository problems,
      final ObjectProvider<Clock> clock) {
    return new ProblemRecords(
        dataSource, transactionManager, problems, clock.getIfUnique(Clock::systemUTC));
  }

  @Bean
  public RecurringIncidents recurringIncidents(
      final DataSource dataSource, final ObjectProvider<Clock> clock) {
    return new RecurringIncidents(dataSource, clock.getIfUnique(Clock::systemUTC));
  }
}
