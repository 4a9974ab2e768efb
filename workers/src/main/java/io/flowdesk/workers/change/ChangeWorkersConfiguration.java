package io.flowdesk.workers.change;

import io.flowdesk.domain.change.ChangeRecords;
import io.flowdesk.workers.ConnectorProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The change workers as Spring beans on the domain's {@link ChangeRecords} (there in every Spring
 * Boot application with the domain and JPA: see domain/README.md).
 */
@Configuration(proxyBeanMethods = false)
public class ChangeWorkersConfiguration {

  @Bean
  public ChangeStageWorker changeStageWorker(
      final ChangeRecords records, final ConnectorProperties properties) {
    return new ChangeStageWorker(records, properties.retryBackoff());
  }

  @Bean
  public ChangeRiskWorker changeRiskWorker(
      final ChangeRecords records, final ConnectorProperties properties) {
    return new ChangeRiskWorker(records, properties.retryBackoff());
  }

  @Bean
  public ChangeAuthorizationWorker changeAuthorizationWorker(
      final ChangeRecords records, final ConnectorProperties properties) {
    return new ChangeAuthorizationWorker(records, properties.retryBackoff());
  }

  @Bean
  public ChangeWarningWorker changeWarningWorker(
      final ChangeRecords records, final ConnectorProperties properties) {
    return new ChangeWarningWorker(records, properties.retryBackoff());
  }
}
