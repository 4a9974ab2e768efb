package io.flowdesk.workers.problem;

import io.camunda.client.CamundaClient;
import io.flowdesk.domain.change.ChangeRecords;
import io.flowdesk.domain.incident.IncidentRecords;
import io.flowdesk.domain.problem.ProblemRecords;
import io.flowdesk.domain.problem.RecurringIncidents;
import io.flowdesk.workers.ConnectorProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The problem workers as Spring beans on the domain's {@link ProblemRecords} (there in every Spring
 * Boot application with the domain and JPA: see domain/README.md).
 */
@Configuration(proxyBeanMethods = false)
public class ProblemWorkersConfiguration {

  @Bean
  public ProblemStageWorker problemStageWorker(
      final ProblemRecords records, final ConnectorProperties properties) {
    return new ProblemStageWorker(records, properties.retryBackoff());
  }

  @Bean
  public ProblemCauseWorker problemCauseWorker(
      final ProblemRecords records, final ConnectorProperties properties) {
    return new ProblemCauseWorker(records, properties.retryBackoff());
  }

  @Bean
  public ProblemFixStatusWorker problemFixStatusWorker(
      final ProblemRecords records,
      final ChangeRecords changes,
      final ConnectorProperties properties) {
    return new ProblemFixStatusWorker(records, changes, properties.retryBackoff());
  }

  @Bean
  public ResolveProblemIncidentsWorker resolveProblemIncidentsWorker(
      final ProblemRecords records,
      final IncidentRecords incidents,
      final CamundaClient camunda,
      final ConnectorProperties properties) {
    return new ResolveProblemIncidentsWorker(
        records, incidents, camunda, properties.retryBackoff());
  }

  @Bean
  public ProposeRecurringProblemsWorker proposeRecurringProblemsWorker(
      final ProblemRecords records,
      final RecurringIncidents recurring,
      final ConnectorProperties properties) {
    return new ProposeRecurringProblemsWorker(records, recurring, properties.retryBackoff());
  }
}
