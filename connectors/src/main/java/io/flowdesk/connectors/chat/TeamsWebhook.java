package io.flowdesk.connectors.chat;

import java.time.Clock;
import java.util.Locale;

/**
 * Posts messages to a Microsoft Teams incoming webhook (classic connector or Workflows). Success is
 * {@code 200 "1"} or {@code 202}; the classic connector can also answer 200 with an error text
 * (e.g. when Teams throttles: "... returned HTTP error 429 ..."), which is treated as the failure
 * it reports. 4xx are permanent, 429 and 5xx retryable.
 */
public final class TeamsWebhook {

  private final WebhookPoster poster;

  public TeamsWebhook(final WebhookEndpoint endpoint) {
    this.poster = new WebhookPoster("Teams", endpoint, Clock.systemUTC());
  }

  public void post(final TeamsMessage message) {
    poster.post(message.payload(), TeamsWebhook::errorIn);
  }

  private static String errorIn(final String body) {
    if (body.isEmpty() || "1".equals(body)) {
      return null;
    }
    final String lower = body.toLowerCase(Locale.ROOT);
    return lower.contains("error") || lower.contains("failed") ? body : null;
  }
}
