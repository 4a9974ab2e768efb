package io.flowdesk.workers.request;

import io.flowdesk.domain.request.RequestRecords;
import io.flowdesk.workers.ConnectorProperties;
import io.flowdesk.workers.notify.PersonNotifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The request workers as Spring beans on the domain's {@link RequestRecords} (there in every Spring
 * Boot application with the domain: see domain/README.md) and the {@link PersonNotifier} for
 * telling requesters.
 */
@Configuration(proxyBeanMethods = false)
public class RequestWorkersConfiguration {

  @Bean
  public RequestStageWorker requestStageWorker(
      final RequestRecords records,
      final PersonNotifier notifier,
      final ConnectorProperties properties) {
    return new RequestStageWorker(records, notifier, properties.retryBackoff());
  }
}
