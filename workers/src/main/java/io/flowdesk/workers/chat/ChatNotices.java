package io.flowdesk.workers.chat;

import io.flowdesk.connectors.RetryPolicy;
import io.flowdesk.connectors.chat.SlackMessage;
import io.flowdesk.connectors.chat.SlackWebhook;
import io.flowdesk.connectors.chat.TeamsMessage;
import io.flowdesk.connectors.chat.TeamsWebhook;
import io.flowdesk.connectors.chat.WebhookEndpoint;
import io.flowdesk.domain.delivery.Delivery;
import io.flowdesk.domain.delivery.DeliveryLog;
import io.flowdesk.domain.secret.SecretStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Personal chat notices: posted to the one configured notifications channel webhook, mentioning the
 * person by their chat handle in the platform's syntax so that chat notifies them personally (Slack
 * {@code <@U0123ABCD>}, Teams an {@code <at>} mention entity). Once per job and handle, like {@link
 * ChatWorker}'s messages.
 */
public class ChatNotices {

  private final SecretStore secrets;
  private final DeliveryLog deliveries;
  private final RetryPolicy retryPolicy;
  private final String platform;
  private final String webhookSecret;

  /**
   * @param platform {@code slack} or {@code teams}
   * @param webhookSecret the secret holding the notifications channel's webhook URL, bound to
   *     connector {@code chat}
   */
  public ChatNotices(
      final SecretStore secrets,
      final DeliveryLog deliveries,
      final RetryPolicy retryPolicy,
      final String platform,
      final String webhookSecret) {
    this.platform = platform == null ? "slack" : platform.strip().toLowerCase(Locale.ROOT);
    if (!this.platform.equals("slack") && !this.platform.equals("teams")) {
      throw new IllegalArgumentException(
          "flowdesk.connectors.chat.notifications-platform must be 'slack' or 'teams', was '"
              + platform
              + "'");
    }
    if (webhookSecret == null || webhookSecret.isBlank()) {
      throw new IllegalArgumentException(
          "flowdesk.connectors.chat.notifications-webhook-secret is not set");
    }
    this.secrets = secrets;
    this.deliveries = deliveries;
    this.retryPolicy = retryPolicy;
    this.webhookSecret = webhookSecret;
  }

  /** Posts {@code subject} and {@code text} mentioning {@code handle}, unless already posted. */
  public void deliver(
      final long jobKey,
      final String handle,
      final String displayName,
      final String subject,
      final String text) {
    final Delivery delivery =
        deliveries.claim(jobKey, ChatWorker.CHANNEL, platform + ":mention:" + handle);
    if (delivery.isSent()) {
      return;
    }
    final WebhookEndpoint endpoint = ChatWorker.endpoint(secrets, webhookSecret, retryPolicy);
    try {
      if (platform.equals("slack")) {
        new SlackWebhook(endpoint).post(slack(handle, subject, text));
      } else {
        new TeamsWebhook(endpoint).post(teams(handle, displayName, subject, text));
      }
    } catch (RuntimeException e) {
      deliveries.markFailed(delivery.id(), e.getMessage());
      throw e;
    }
    deliveries.markSent(delivery.id(), endpoint.host());
  }

  private static SlackMessage slack(final String handle, final String subject, final String text) {
    // Only the mention is markup; the notice itself is escaped so it cannot mention anyone else.
    return new SlackMessage(
        "<@" + handle + "> " + SlackMessage.escape(subject + "\n" + text), List.of());
  }

  private static TeamsMessage teams(
      final String handle, final String displayName, final String subject, final String text) {
    final String mention = "<at>" + displayName + "</at>";
    final Map<String, Object> card = new LinkedHashMap<>();
    card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
    card.put("type", "AdaptiveCard");
    card.put("version", "1.4");
    card.put(
        "body",
        List.of(
            Map.of(
                "type",
                "TextBlock",
                "text",
                mention + " " + subject,
                "weight",
                "Bolder",
                "wrap",
                true),
            Map.of("type", "TextBlock", "text", text, "wrap", true)));
    card.put(
        "msteams",
        Map.of(
            "entities",
            List.of(
                Map.of(
                    "type",
                    "mention",
                    "text",
                    mention,
                    "mentioned",
                    Map.of("id", handle, "name", displayName)))));
    return new TeamsMessage.AdaptiveCard(card);
  }
}
