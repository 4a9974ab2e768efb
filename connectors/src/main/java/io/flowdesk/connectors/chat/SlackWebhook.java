package io.flowdesk.connectors.chat;

import java.time.Clock;

/**
 * Posts messages to a Slack incoming webhook. Slack answers {@code 200 ok}; errors come as plain
 * text ({@code invalid_payload}, {@code no_service}, {@code channel_is_archived}, ...) and are
 * passed on in the {@link io.flowdesk.connectors.ConnectorException}'s message: 4xx are permanent,
 * 429 and 5xx retryable.
 */
public final class SlackWebhook {

  private final WebhookPoster poster;

  public SlackWebhook(final WebhookEndpoint endpoint) {
    this.poster = new WebhookPoster("Slack", endpoint, Clock.systemUTC());
  }

  public void post(final SlackMessage message) {
    poster.post(message.payload(), body -> null);
  }
}
