package io.flowdesk.app.alert;

import io.camunda.client.CamundaClient;
import io.flowdesk.app.incident.IncidentReporting;
import io.flowdesk.domain.alert.MonitoringAlerts;
import io.flowdesk.domain.incident.IncidentRecords;
import io.flowdesk.workers.incident.IncidentResolveTask;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class AlertConfiguration {

  @Bean
  AlertIntake alertIntake(
      final MonitoringAlerts alerts,
      final IncidentReporting reporting,
      final IncidentRecords incidents,
      final CamundaClient camunda) {
    return new AlertIntake(alerts, reporting, incidents, new IncidentResolveTask(camunda));
  }
}
