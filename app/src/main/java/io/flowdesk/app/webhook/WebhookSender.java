package io.flowdesk.app.webhook;

import com.fasterxml.jackson.databind.util.RawValue;
import io.flowdesk.connectors.ConnectorException;
import io.flowdesk.connectors.RetryPolicy;
import io.flowdesk.connectors.http.HttpCall;
import io.flowdesk.connectors.http.HttpConnector;
import io.flowdesk.connectors.http.HttpConnectorSettings;
import io.flowdesk.connectors.http.HttpResult;
import io.flowdesk.domain.secret.SecretStore;
import io.flowdesk.domain.webhook.WebhookDelivery;
import io.flowdesk.domain.webhook.WebhookSubscription;
import java.time.Instant;
import java.util.Arrays;

/**
 * Sends one attempt of one delivery through the {@link HttpConnector}: its SSRF guard checks the
 * address at every connection, it follows no redirects (a webhook URL that moved is a failure the
 * admin sees) and it does not retry by itself; retries are the deliveries' back-off, which survives
 * restarts.
 */
final class WebhookSender implements AutoCloseable {

  static final String EVENT_HEADER = "X-Flowdesk-Event";
  static final String DELIVERY_HEADER = "X-Flowdesk-Delivery";

  /** How one attempt ended. */
  record Outcome(boolean delivered, Integer status, String error) {}

  private final HttpConnector connector;
  private final SecretStore secrets;

  WebhookSender(
      final WebhookDestinations destinations,
      final WebhookProperties properties,
      final SecretStore secrets) {
    this.connector =
        new HttpConnector(
            HttpConnectorSettings.of(destinations.policy())
                .withRetryPolicy(RetryPolicy.NONE)
                .withMaxRedirects(0)
                .withTimeouts(properties.timeout(), properties.timeout())
                .withMaxResponseBytes(64 * 1024));
    this.secrets = secrets;
  }

  Outcome send(
      final WebhookSubscription subscription, final WebhookDelivery delivery, final Instant now) {
    final String signature;
    try {
      final char[] secret = secrets.resolve(subscription.secretName(), "http", subscription.url());
      try {
        signature = WebhookSignature.header(secret, now.getEpochSecond(), delivery.payload());
      } finally {
        Arrays.fill(secret, '\0');
      }
    } catch (RuntimeException noSecret) {
      // Missing or refused (an admin re-bound or deleted it): messages never hold the value.
      return new Outcome(false, null, noSecret.getMessage());
    }
    final HttpCall call =
        HttpCall.builder("POST", subscription.url())
            .header(WebhookSignature.HEADER, signature)
            .header(EVENT_HEADER, delivery.eventType())
            .header(DELIVERY_HEADER, String.valueOf(delivery.id()))
            .header("User-Agent", "Flowdesk-Webhooks/1")
            // The stored payload as it is: the bytes sent are the bytes signed.
            .jsonBody(new RawValue(delivery.payload()))
            .build();
    try {
      final HttpResult result = connector.execute(call);
      if (result.status() >= 200 && result.status() < 300) {
        return new Outcome(true, result.status(), null);
      }
      return new Outcome(false, result.status(), "answered " + result.status());
    } catch (ConnectorException failed) {
      return new Outcome(false, null, failed.getMessage());
    }
  }

  @Override
  public void close() {
    connector.close();
  }
}
