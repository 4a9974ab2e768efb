package io.flowdesk.workers.request;

import io.flowdesk.domain.directory.Directory;
import io.flowdesk.domain.request.RequestRecords;
import io.flowdesk.workers.ConnectorProperties;
import io.flowdesk.workers.mail.EmailWorker;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The request workers as Spring beans on the domain's {@link RequestRecords} (there in every Spring
 * Boot application with the domain: see domain/README.md) and the app's {@code flowdesk:email}
 * worker, when it has one, for telling requesters.
 */
@Configuration(proxyBeanMethods = false)
public class RequestWorkersConfiguration {

  @Bean
  public RequestStageWorker requestStageWorker(
      final RequestRecords records,
      final Directory directory,
      final ObjectProvider<EmailWorker> mail,
      final ConnectorProperties properties) {
    return new RequestStageWorker(
        records,
        directory,
        () -> Optional.ofNullable(mail.getIfUnique()),
        properties.retryBackoff());
  }
}
