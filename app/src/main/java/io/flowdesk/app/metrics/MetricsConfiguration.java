package io.flowdesk.app.metrics;

import io.flowdesk.domain.delivery.DeliveryOutcomes;
import io.flowdesk.domain.report.OpenIncidents;
import io.flowdesk.engine.Engine;
import io.flowdesk.engine.metrics.EngineMetrics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Binds what the engine, the connectors' delivery log and the incident backlog tell to Micrometer,
 * which serves it at {@code /actuator/prometheus} (HTTP latencies are Spring Boot's own {@code
 * http.server.requests}).
 */
@Configuration(proxyBeanMethods = false)
class MetricsConfiguration {

  @Bean
  EngineMetrics engineMetrics(final MeterRegistry registry) {
    return new MicrometerEngineMetrics(registry);
  }

  @Bean
  DeliveryOutcomes deliveryMetrics(final MeterRegistry registry) {
    return new DeliveryMetrics(registry);
  }

  @Bean
  MeterBinder backlogMetrics(final OpenIncidents openIncidents) {
    return new BacklogMetrics(openIncidents, Clock.systemUTC());
  }

  /** Only with the embedded engine: an external Camunda cluster has its own metrics. */
  @Bean
  MeterBinder engineIncidentMetrics(final ObjectProvider<Engine> engine) {
    return registry ->
        engine.ifAvailable(
            embedded ->
                Gauge.builder("flowdesk.engine.incidents.open", embedded, Engine::openIncidents)
                    .description("Engine incidents not resolved yet")
                    .register(registry));
  }
}
