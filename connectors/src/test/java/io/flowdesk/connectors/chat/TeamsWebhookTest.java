package io.flowdesk.connectors.chat;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.flowdesk.connectors.ConnectorException;
import io.flowdesk.connectors.RetryPolicy;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TeamsWebhookTest {

  @RegisterExtension
  static final WireMockExtension TEAMS =
      WireMockExtension.newInstance()
          .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
          .build();

  private static final String PATH = "/webhookb2/abc@def/IncomingWebhook/0123/s3cr3t";

  private static TeamsWebhook webhook() {
    return new TeamsWebhook(
        WebhookEndpoint.of(URI.create(TEAMS.baseUrl() + PATH))
            .withRetryPolicy(new RetryPolicy(2, Duration.ofMillis(10), Duration.ofSeconds(1))));
  }

  @Test
  void postsAMessageCard() {
    TEAMS.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(200).withBody("1")));

    webhook().post(new TeamsMessage.MessageCard("INC0001234", "Disk **full** on web1", "D13438"));

    TEAMS.verify(
        postRequestedFor(urlEqualTo(PATH))
            .withRequestBody(
                equalToJson(
                    """
                    {"@type": "MessageCard", "@context": "https://schema.org/extensions",
                     "summary": "INC0001234", "themeColor": "D13438", "title": "INC0001234",
                     "text": "Disk **full** on web1"}
                    """)));
  }

  @Test
  void postsAnAdaptiveCardAsAMessageAttachment() {
    TEAMS.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(202)));

    webhook().post(TeamsMessage.AdaptiveCard.titled("INC0001234", "Disk full on web1"));

    TEAMS.verify(
        postRequestedFor(urlEqualTo(PATH))
            .withRequestBody(
                equalToJson(
                    """
                    {"type": "message",
                     "attachments": [{
                       "contentType": "application/vnd.microsoft.card.adaptive",
                       "contentUrl": null,
                       "content": {
                         "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
                         "type": "AdaptiveCard", "version": "1.4",
                         "body": [
                           {"type": "TextBlock", "text": "INC0001234", "weight": "Bolder",
                            "size": "Medium", "wrap": true},
                           {"type": "TextBlock", "text": "Disk full on web1", "wrap": true}]}}]}
                    """)));
  }

  @Test
  void badPayloadIsPermanent() {
    TEAMS.stubFor(
        post(urlEqualTo(PATH))
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withBody("Bad payload received by generic incoming webhook.")));

    assertThatThrownBy(() -> webhook().post(new TeamsMessage.MessageCard(null, "x", null)))
        .isInstanceOf(ConnectorException.class)
        .hasMessageContaining("Teams webhook at localhost:" + TEAMS.getPort() + " answered 400")
        .hasMessageContaining("Bad payload")
        .hasMessageNotContaining("s3cr3t")
        .satisfies(e -> assertThat(((ConnectorException) e).retryable()).isFalse());
  }

  @Test
  void throttlingReportedInsideA200IsARetryableFailure() {
    TEAMS.stubFor(
        post(urlEqualTo(PATH))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withBody(
                        "Webhook message delivery failed with error: Microsoft Teams endpoint"
                            + " returned HTTP error 429 with ContextId tcid=0")));

    assertThatThrownBy(() -> webhook().post(new TeamsMessage.MessageCard(null, "x", null)))
        .isInstanceOf(ConnectorException.class)
        .hasMessageContaining("answered 200 but reported: Webhook message delivery failed")
        .satisfies(e -> assertThat(((ConnectorException) e).retryable()).isTrue());
  }

  @Test
  void cardsAreCheckedBeforeSending() {
    assertThatThrownBy(() -> new TeamsMessage.AdaptiveCard(Map.of("type", "Card")))
        .hasMessageContaining("\"type\": \"AdaptiveCard\"");
    assertThatThrownBy(() -> new TeamsMessage.MessageCard("t", "x", "#FF0000"))
        .hasMessageContaining("'#FF0000' is not six hex digits");
  }
}
