package io.flowdesk.connectors.chat;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToIgnoreCase;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.flowdesk.connectors.ConnectorException;
import io.flowdesk.connectors.RetryPolicy;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SlackWebhookTest {

  @RegisterExtension
  static final WireMockExtension SLACK =
      WireMockExtension.newInstance()
          .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
          .build();

  private static final String PATH = "/services/T0001/B0002/s3cr3tW3bh00kT0ken";

  private static SlackWebhook webhook() {
    return new SlackWebhook(
        WebhookEndpoint.of(URI.create(SLACK.baseUrl() + PATH))
            .withRetryPolicy(new RetryPolicy(3, Duration.ofMillis(10), Duration.ofSeconds(2))));
  }

  @Test
  void postsTheTextAsJson() {
    SLACK.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(200).withBody("ok")));

    webhook().post(SlackMessage.plainText("Disk full on web1 & web2 <prod>"));

    SLACK.verify(
        1,
        postRequestedFor(urlEqualTo(PATH))
            .withHeader("Content-Type", equalToIgnoreCase("application/json; charset=utf-8"))
            .withRequestBody(
                equalToJson("{\"text\": \"Disk full on web1 &amp; web2 &lt;prod&gt;\"}")));
  }

  @Test
  void postsBlocksNextToTheNotificationText() {
    SLACK.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(200).withBody("ok")));
    final Map<String, Object> section =
        Map.of(
            "type", "section", "text", Map.of("type", "mrkdwn", "text", "*INC0001234* Disk full"));

    webhook().post(new SlackMessage("INC0001234 Disk full", List.of(section)));

    SLACK.verify(
        postRequestedFor(urlEqualTo(PATH))
            .withRequestBody(
                equalToJson(
                    """
                    {"text": "INC0001234 Disk full",
                     "blocks": [{"type": "section",
                                 "text": {"type": "mrkdwn", "text": "*INC0001234* Disk full"}}]}
                    """)));
  }

  @ParameterizedTest
  @CsvSource({
    "400, invalid_payload",
    "403, action_prohibited",
    "404, no_service",
    "410, channel_is_archived"
  })
  void slackErrorsArePermanentAndNameTheAnswerButNotTheSecretPath(
      final int status, final String error) {
    SLACK.stubFor(
        post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(status).withBody(error)));

    assertThatThrownBy(() -> webhook().post(SlackMessage.plainText("x")))
        .isInstanceOf(ConnectorException.class)
        .hasMessage(
            "Slack webhook at localhost:" + SLACK.getPort() + " answered " + status + " " + error)
        .hasMessageNotContaining("s3cr3t")
        .satisfies(e -> assertThat(((ConnectorException) e).retryable()).isFalse());
    SLACK.verify(1, postRequestedFor(urlEqualTo(PATH)));
  }

  @Test
  void rateLimitIsRetriedAfterTheWaitSlackAskedFor() {
    SLACK.stubFor(
        post(urlEqualTo(PATH))
            .inScenario("limit")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(
                aResponse().withStatus(429).withHeader("Retry-After", "0").withBody("rate_limited"))
            .willSetStateTo("ok"));
    SLACK.stubFor(
        post(urlEqualTo(PATH))
            .inScenario("limit")
            .whenScenarioStateIs("ok")
            .willReturn(aResponse().withStatus(200).withBody("ok")));

    webhook().post(SlackMessage.plainText("x"));

    SLACK.verify(2, postRequestedFor(urlEqualTo(PATH)));
  }

  @Test
  void serverErrorsAreRetriedThenRetryable() {
    SLACK.stubFor(
        post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(500).withBody("rollup_error")));

    assertThatThrownBy(() -> webhook().post(SlackMessage.plainText("x")))
        .isInstanceOf(ConnectorException.class)
        .hasMessageContaining("answered 500 rollup_error")
        .satisfies(e -> assertThat(((ConnectorException) e).retryable()).isTrue());
    SLACK.verify(3, postRequestedFor(urlEqualTo(PATH)));
  }

  @Test
  void endpointNeverShowsTheSecretPath() {
    assertThat(WebhookEndpoint.of(URI.create(SLACK.baseUrl() + PATH)).toString())
        .doesNotContain("s3cr3t")
        .contains("localhost");
  }

  @Test
  void messageWithoutTextIsRefused() {
    assertThatThrownBy(() -> SlackMessage.plainText(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Slack message has no text");
  }
}
