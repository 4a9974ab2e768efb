package io.flowdesk.domain.change;

import io.flowdesk.domain.DomainConfiguration.DomainSchemaReady;
import io.flowdesk.domain.request.RequestJpaConfiguration;
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
 * The change records on Spring Boot's JPA, next to the requests' ({@link RequestJpaConfiguration},
 * which makes the EntityManagerFactory wait for the domain's migration and has Hibernate only
 * validate the schema): entity scan and repositories of {@code domain.change} only.
 */
@AutoConfiguration(after = RequestJpaConfiguration.class)
@ConditionalOnBean({EntityManagerFactory.class, DomainSchemaReady.class})
@EntityScan(basePackageClasses = ChangeRow.class)
@EnableJpaRepositories(basePackageClasses = ChangeRepository.class)
public class ChangeJpaConfiguration {

  @Bean
  public ChangeRecords changeRecords(
      final DataSource dataSource,
      final PlatformTransactionManager transactionManager,
      final ChangeRepository changes,
      final ChangeTemplateRepository templates,
      final ObjectProvider<Clock> clock) {
    return new ChangeRecords(
        dataSource, transactionManager, changes, templates, clock.getIfUnique(Clock::systemUTC));
  }
}
