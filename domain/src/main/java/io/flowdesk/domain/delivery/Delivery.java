package io.flowdesk.domain.delivery;

import java.time.Instant;

/**
 * One notification of one job to one recipient on one channel.
 *
 * @param channel e.g. {@code email}, {@code sms}, {@code chat}
 * @param recipient the address, number or webhook name it went to
 * @param attempts how many times a worker claimed it
 * @param providerId the provider's id for the accepted message (Message-ID, Twilio SID), once SENT
 * @param lastError the message of the last failure, or null
 */
public record Delivery(
    long id,
    long jobKey,
    String channel,
    String recipient,
    DeliveryStatus status,
    int attempts,
    String providerId,
    String lastError,
    Instant createdAt,
    Instant updatedAt) {

  public boolean isSent() {
    return status == DeliveryStatus.SENT;
  }
}
