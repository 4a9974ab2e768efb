package io.flowdesk.domain.delivery;

/**
 * Hears each attempt's outcome as the {@link DeliveryLog} records it (sent or failed), e.g. to
 * count deliveries per channel for monitoring. Must be quick and must not throw.
 */
@FunctionalInterface
public interface DeliveryOutcomes {

  DeliveryOutcomes NONE = delivery -> {};

  void recorded(Delivery delivery);
}
