package io.flowdesk.domain.alert;

import io.flowdesk.domain.DomainConfiguration.DomainSchemaReady;
import io.flowdesk.domain.incident.IncidentRecords;
import io.flowdesk.domain.problem.ProblemJpaConfiguration;
import jakarta.persistence.EntityManagerFactory;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.domain.EntityScan;
import org.springframework.context.annotation.Bean;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;
import org.springframework.transaction.PlatformTransactionManager;

/** Monitoring alerts on Spring Boot's JPA: entity scan and repository of {@code domain.alert}. */
@AutoConfiguration(after = ProblemJpaConfiguration.class)
@ConditionalOnBean({EntityManagerFactory.class, DomainSchemaReady.class})
@EntityScan(basePackageClasses = AlertRow.class)
@EnableJpaRepositories(basePackageClasses = AlertRepository.class)
public class AlertJpaConfiguration {

  @Bean
  public MonitoringAlerts monitoringAlerts(
      final AlertRepository alerts,
      final IncidentRecords incidents,
      final PlatformTransactionManager transactionManager,
      final ObjectProvider<Clock> clock) {
    return new MonitoringAlerts(
        alerts, incidents, transactionManager, clock.getIfUnique(Clock::systemUTC));
  }
}
