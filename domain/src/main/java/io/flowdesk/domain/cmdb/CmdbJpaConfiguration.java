package io.flowdesk.domain.cmdb;

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
 * The CMDB on Spring Boot's JPA, under the same conditions as the request records: their
 * configuration makes the EntityManagerFactory wait for the domain's migration and Hibernate only
 * validate the schema, which holds for these entities too (one EntityManagerFactory).
 */
@AutoConfiguration(after = RequestJpaConfiguration.class)
@ConditionalOnBean({EntityManagerFactory.class, DomainSchemaReady.class})
@EntityScan(basePackageClasses = CiRow.class)
@EnableJpaRepositories(basePackageClasses = CiRepository.class)
public class CmdbJpaConfiguration {

  @Bean
  public Cmdb cmdb(
      final DataSource dataSource,
      final PlatformTransactionManager transactionManager,
      final CiClassRepository classes,
      final CiRepository cis,
      final RelationshipRepository relationships,
      final ObjectProvider<Clock> clock) {
    return new Cmdb(
        dataSource,
        transactionManager,
        classes,
        cis,
        relationships,
        clock.getIfUnique(Clock::systemUTC));
  }

  @Bean
  public CmdbImport cmdbImport(
      final Cmdb cmdb,
      final DataSource dataSource,
      final PlatformTransactionManager transactionManager,
      final ObjectProvider<Clock> clock) {
    return new CmdbImport(
        cmdb, dataSource, transactionManager, clock.getIfUnique(Clock::systemUTC));
  }
}
