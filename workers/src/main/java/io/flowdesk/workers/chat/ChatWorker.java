package io.flowdesk.workers.chat;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobClient;
import io.flowdesk.connectors.RetryPolicy;
import io.flowdesk.connectors.chat.SlackMessage;
import io.flowdesk.connectors.chat.SlackWebhook;
import io.flowdesk.connectors.chat.TeamsMessage;
import io.flowdesk.connectors.chat.TeamsWebhook;
import io.flowdesk.connectors.chat.WebhookEndpoint;
import io.flowdesk.domain.delivery.Delivery;
import io.flowdesk.domain.delivery.DeliveryLog;
import io.flowdesk.domain.secret.BoundSecret;
import io.flowdesk.domain.secret.SecretStore;
import io.flowdesk.workers.InvalidJobInputException;
import io.flowdesk.workers.JobInputs;
import io.flowdesk.workers.JobOutcomes;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Task type {@code flowdesk:chat} (template {@code io.flowdesk.connectors.chat.v1}): posts to a
 * Slack or Microsoft Teams incoming webhook. The webhook URL is a credential (whoever has it can
 * post), so the process names a secret holding it, never the URL itself. The secret's binding must
 * allow connector {@code chat} and the URL's origin.
 *
 * <p>Inputs: {@code platform} ({@code slack} or {@code teams}), {@code webhookSecret}, {@code
 * text}, optional {@code title} (Teams). Header {@code resultVariable}: receives {@code {platform,
 * webhook}}. Errors: {@code FLOWDESK_CHAT_REJECTED} (the webhook refused the message), {@code
 * FLOWDESK_CHAT_INVALID_INPUT}, {@code FLOWDESK_SECRET_MISSING}.
 */
public class ChatWorker {

  public static final String TYPE = "flowdesk:chat";
  public static final String CHANNEL = "chat";
  public static final List<String> INPUTS = List.of("platform", "webhookSecret", "text", "title");

  private final SecretStore secrets;
  private final DeliveryLog deliveries;
  private final RetryPolicy retryPolicy;
  private final JobOutcomes outcomes;

  public ChatWorker(
      final SecretStore secrets,
      final DeliveryLog deliveries,
      final RetryPolicy retryPolicy,
      final Duration retryBackoff) {
    this.secrets = secrets;
    this.deliveries = deliveries;
    this.retryPolicy = retryPolicy;
    this.outcomes = new JobOutcomes(CHANNEL, retryBackoff);
  }

  @JobWorker(type = TYPE, autoComplete = false, fetchAllVariables = true)
  public void handle(final JobClient client, final ActivatedJob job) {
    outcomes.handle(client, job, this::post);
  }

  /** Posts the job's message unless it was already posted. */
  public Map<String, Object> post(final JobInputs inputs) {
    final String platform = inputs.text("platform").toLowerCase(Locale.ROOT);
    if (!platform.equals("slack") && !platform.equals("teams")) {
      throw new InvalidJobInputException(
          "input 'platform' must be 'slack' or 'teams', was '" + platform + "'");
    }
    final String webhookSecret = inputs.text("webhookSecret");
    final String text = inputs.text("text");
    final WebhookEndpoint endpoint = endpoint(secrets, webhookSecret, retryPolicy);
    final Delivery delivery =
        deliveries.claim(inputs.jobKey(), CHANNEL, platform + ":" + webhookSecret);
    if (!delivery.isSent()) {
      try {
        if (platform.equals("slack")) {
          new SlackWebhook(endpoint).post(SlackMessage.plainText(text));
        } else {
          final String title = inputs.optionalText("title").orElse("Flowdesk");
          new TeamsWebhook(endpoint).post(TeamsMessage.AdaptiveCard.titled(title, text));
        }
      } catch (RuntimeException e) {
        deliveries.markFailed(delivery.id(), e.getMessage());
        throw e;
      }
      // Webhooks return no message id; the host says where it went without the credential path.
      deliveries.markSent(delivery.id(), endpoint.host());
    }
    return inputs.resultAs(Map.of("platform", platform, "webhook", webhookSecret));
  }

  /** The webhook the secret holds, checked against its binding; shared with {@link ChatNotices}. */
  static WebhookEndpoint endpoint(
      final SecretStore secrets, final String webhookSecret, final RetryPolicy retryPolicy) {
    try (BoundSecret secret = secrets.open(webhookSecret, CHANNEL)) {
      final char[] url = secret.value();
      try {
        final URI webhook = new URI(new String(url));
        // The URL is the value itself; its origin must still be one the binding allows.
        secret.checkDestination(webhook);
        return WebhookEndpoint.of(webhook).withRetryPolicy(retryPolicy);
      } catch (URISyntaxException e) {
        // The message names the secret, not the URL: the URL is the credential.
        throw new InvalidJobInputException("secret '" + webhookSecret + "' is not a webhook URL");
      } finally {
        Arrays.fill(url, '\0');
      }
    }
  }
}
