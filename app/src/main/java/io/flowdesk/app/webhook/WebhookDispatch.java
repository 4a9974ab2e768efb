package io.flowdesk.app.webhook;

import io.flowdesk.connectors.RetryPolicy;
import io.flowdesk.domain.webhook.WebhookDeliveries;
import io.flowdesk.domain.webhook.WebhookDelivery;
import io.flowdesk.domain.webhook.WebhookOutbox;
import io.flowdesk.domain.webhook.WebhookSubscription;
import io.flowdesk.domain.webhook.WebhookSubscriptions;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of the webhook job: new events become deliveries, then the due deliveries are sent. A
 * failed attempt waits per the back-off (doubling from {@code initial-backoff}); the attempt that
 * reaches {@code max-attempts} makes the delivery dead.
 */
public class WebhookDispatch {

  private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatch.class);

  private final WebhookOutbox outbox;
  private final WebhookDeliveries deliveries;
  private final WebhookSubscriptions subscriptions;
  private final WebhookSender sender;
  private final RetryPolicy backoff;
  private final int batchSize;
  private final Duration lease;

  WebhookDispatch(
      final WebhookOutbox outbox,
      final WebhookDeliveries deliveries,
      final WebhookSubscriptions subscriptions,
      final WebhookSender sender,
      final WebhookProperties properties) {
    this.outbox = outbox;
    this.deliveries = deliveries;
    this.subscriptions = subscriptions;
    this.sender = sender;
    this.backoff =
        new RetryPolicy(
            properties.maxAttempts(), properties.initialBackoff(), properties.maxBackoff());
    this.batchSize = properties.batchSize();
    // Longer than an attempt can take (connect plus answer), so nobody else claims it meanwhile.
    this.lease = properties.timeout().multipliedBy(2).plusSeconds(30);
  }

  /**
   * Fans out new events and sends what is due at {@code now}.
   *
   * @return how many attempts were made
   */
  public int runOnce(final Instant now) {
    while (outbox.fanOut(batchSize, now) == batchSize) {
      // A backlog: keep turning events into deliveries before sending.
    }
    int attempts = 0;
    for (final WebhookDelivery delivery : deliveries.claimDue(now, lease, batchSize)) {
      attempt(delivery, now);
      attempts++;
    }
    return attempts;
  }

  private void attempt(final WebhookDelivery delivery, final Instant now) {
    final Optional<WebhookSubscription> subscription =
        subscriptions.find(delivery.subscriptionId());
    if (subscription.isEmpty()) {
      return;
    }
    final WebhookSender.Outcome outcome = sender.send(subscription.get(), delivery, now);
    if (outcome.delivered()) {
      deliveries.delivered(delivery.id(), outcome.status());
      return;
    }
    final Instant next =
        backoff.allowsAnotherAttempt(delivery.attempts())
            ? now.plus(backoff.delayAfter(delivery.attempts(), null))
            : null;
    deliveries.failed(delivery.id(), outcome.status(), outcome.error(), next);
    if (next == null) {
      LOG.warn(
          "Webhook delivery {} ({}) to subscription {} is dead after {} attempts: {}",
          delivery.id(),
          delivery.eventType(),
          delivery.subscriptionId(),
          delivery.attempts(),
          outcome.error());
    }
  }
}
