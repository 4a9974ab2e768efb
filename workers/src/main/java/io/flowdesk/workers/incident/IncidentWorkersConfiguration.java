package io.flowdesk.workers.incident;

import io.camunda.client.CamundaClient;
import io.flowdesk.domain.directory.Directory;
import io.flowdesk.domain.incident.IncidentRecords;
import io.flowdesk.domain.servicelevel.ServiceLevels;
import io.flowdesk.workers.ConnectorProperties;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The workers of process {@code incident} as Spring beans on the domain's {@link IncidentRecords},
 * {@link ServiceLevels} and {@link Directory}. They read the time from the application's {@link
 * Clock} bean when it has one (so SLA targets follow a controlled clock), else from the system
 * clock; failed jobs wait {@code flowdesk.connectors.retry-backoff} before their retry.
 */
@Configuration(proxyBeanMethods = false)
public class IncidentWorkersConfiguration {

  private static Clock clock(final ObjectProvider<Clock> clock) {
    return clock.getIfUnique(Clock::systemUTC);
  }

  private static Duration backoff(final ConnectorProperties properties) {
    return properties.retryBackoff();
  }

  @Bean
  public ClassifyIncidentWorker classifyIncidentWorker(
      final IncidentRecords records,
      final Directory directory,
      final ServiceLevels levels,
      final ObjectProvider<Clock> clock,
      final ConnectorProperties properties) {
    return new ClassifyIncidentWorker(
        records, directory, levels, clock(clock), backoff(properties));
  }

  @Bean
  public SlaBreachWorker slaBreachWorker(
      final IncidentRecords records, final ConnectorProperties properties) {
    return new SlaBreachWorker(records, backoff(properties));
  }

  @Bean
  public SlaWarningWorker slaWarningWorker(
      final IncidentRecords records,
      final Directory directory,
      final ObjectProvider<Clock> clock,
      final ConnectorProperties properties) {
    return new SlaWarningWorker(records, directory, clock(clock), backoff(properties));
  }

  @Bean
  public HoldIncidentWorker holdIncidentWorker(
      final IncidentRecords records,
      final ServiceLevels levels,
      final ObjectProvider<Clock> clock,
      final ConnectorProperties properties) {
    return new HoldIncidentWorker(records, levels, clock(clock), backoff(properties));
  }

  @Bean
  public ResumeIncidentWorker resumeIncidentWorker(
      final IncidentRecords records,
      final ServiceLevels levels,
      final ObjectProvider<Clock> clock,
      final ConnectorProperties properties) {
    return new ResumeIncidentWorker(records, levels, clock(clock), backoff(properties));
  }

  @Bean
  public ResolveIncidentWorker resolveIncidentWorker(
      final IncidentRecords records,
      final ServiceLevels levels,
      final ObjectProvider<Clock> clock,
      final ConnectorProperties properties,
      final CamundaClient camunda) {
    return new ResolveIncidentWorker(
        records,
        levels,
        clock(clock),
        backoff(properties),
        new MajorIncidentCascade(records, new IncidentResolveTask(camunda)));
  }

  @Bean
  public ReopenIncidentWorker reopenIncidentWorker(
      final IncidentRecords records,
      final ServiceLevels levels,
      final ObjectProvider<Clock> clock,
      final ConnectorProperties properties) {
    return new ReopenIncidentWorker(records, levels, clock(clock), backoff(properties));
  }

  @Bean
  public CloseIncidentWorker closeIncidentWorker(
      final IncidentRecords records, final ConnectorProperties properties) {
    return new CloseIncidentWorker(records, backoff(properties));
  }

  @Bean
  public CancelIncidentWorker cancelIncidentWorker(
      final IncidentRecords records, final ConnectorProperties properties) {
    return new CancelIncidentWorker(records, backoff(properties));
  }
}
