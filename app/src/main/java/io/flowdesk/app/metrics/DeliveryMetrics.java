package io.flowdesk.app.metrics;

import io.flowdesk.domain.delivery.Delivery;
import io.flowdesk.domain.delivery.DeliveryOutcomes;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;

/** Counts the connectors' delivery attempts per channel and outcome (sent, failed). */
final class DeliveryMetrics implements DeliveryOutcomes {

  private final MeterRegistry registry;

  DeliveryMetrics(final MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void recorded(final Delivery delivery) {
    Counter.builder("flowdesk.connector.deliveries")
        .description("Connector delivery attempts (mail, SMS, chat) by channel and outcome")
        .tags(
            "channel",
            delivery.channel(),
            "outcome",
            delivery.status().name().toLowerCase(Locale.ROOT))
        .register(registry)
        .increment();
  }
}
