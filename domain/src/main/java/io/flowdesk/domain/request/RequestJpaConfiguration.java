package io.flowdesk.domain.request;

import io.flowdesk.domain.DomainConfiguration.DomainSchemaReady;
import jakarta.persistence.EntityManagerFactory;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.domain.EntityScan;
import org.springframework.boot.autoconfigure.orm.jpa.EntityManagerFactoryDependsOnPostProcessor;
import org.springframework.boot.autoconfigure.orm.jpa.HibernateJpaAutoConfiguration;
import org.springframework.boot.autoconfigure.orm.jpa.HibernatePropertiesCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The request records on Spring Boot's JPA ({@code EntityManagerFactory}, {@code
 * JpaTransactionManager}) wherever the domain is imported ({@code DomainConfiguration}) into a
 * Spring Boot application: an auto-configuration, because only after Boot's JPA configuration is it
 * known whether there is an EntityManagerFactory. Hibernate only validates the schema (Flyway owns
 * it), and the EntityManagerFactory waits for the domain's migration.
 */
@AutoConfiguration(after = HibernateJpaAutoConfiguration.class)
@ConditionalOnBean({EntityManagerFactory.class, DomainSchemaReady.class})
@EntityScan(basePackageClasses = RequestRow.class)
@EnableJpaRepositories(basePackageClasses = RequestRepository.class)
public class RequestJpaConfiguration {

  @Bean
  static EntityManagerFactoryDependsOnPostProcessor requestSchemaFirst() {
    return new EntityManagerFactoryDependsOnPostProcessor("domainSchemaReady");
  }

  @Bean
  HibernatePropertiesCustomizer flywayOwnsTheDomainSchema() {
    return properties -> properties.put("hibernate.hbm2ddl.auto", "validate");
  }

  @Bean
  public RequestRecords requestRecords(
      final DataSource dataSource,
      final PlatformTransactionManager transactionManager,
      final RequestRepository repository,
      final ObjectProvider<Clock> clock) {
    return new RequestRecords(
        dataSource, transactionManager, repository, clock.getIfUnique(Clock::systemUTC));
  }
}
