package io.flowdesk.domain.webhook;

import java.time.Instant;

/**
 * One event for one subscription: its payload as sent (the signed bytes), how often it was tried,
 * when next and how the last attempt ended.
 *
 * @param status PENDING (waiting for an attempt), DELIVERED (a 2xx answer) or DEAD (gave up)
 */
public record WebhookDelivery(
    long id,
    long subscriptionId,
    String eventId,
    String eventType,
    String payload,
    String status,
    int attempts,
    Instant nextAttemptAt,
    Integer lastStatus,
    String lastError,
    Instant createdAt,
    Instant updatedAt) {}
