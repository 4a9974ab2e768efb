package io.flowdesk.connectors.sms;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.BasicCredentials;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.flowdesk.connectors.ConnectorException;
import io.flowdesk.connectors.RetryPolicy;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SmsSenderTest {

  @RegisterExtension
  static final WireMockExtension TWILIO =
      WireMockExtension.newInstance()
          .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
          .build();

  private static final String ACCOUNT = "AC0123456789abcdef0123456789abcdef";
  private static final String TOKEN = "auth-T0ken-that-must-stay-secret";
  private static final String FROM = "+15005550006";
  private static final String MESSAGES = "/2010-04-01/Accounts/" + ACCOUNT + "/Messages.json";
  private static final URI CALLBACK = URI.create("https://flowdesk.example/sms/status");
  private static final RetryPolicy FAST =
      new RetryPolicy(3, Duration.ofMillis(10), Duration.ofSeconds(2));

  private static TwilioSettings settings() {
    return TwilioSettings.of(ACCOUNT, TOKEN.toCharArray(), FROM)
        .withApiBaseUrl(URI.create("http://localhost:" + TWILIO.getPort()))
        .withStatusCallback(CALLBACK)
        .withRetryPolicy(FAST);
  }

  private static String created(final String to) {
    return """
        {"sid": "SM0123456789abcdef0123456789abcdef", "account_sid": "%s",
         "to": "%s", "from": "%s", "body": "Server web1 is down", "status": "queued",
         "direction": "outbound-api", "api_version": "2010-04-01", "num_segments": "1",
         "date_created": "Thu, 26 Nov 2026 10:00:00 +0000", "error_code": null,
         "error_message": null, "price": null,
         "uri": "/2010-04-01/Accounts/%s/Messages/SM0123456789abcdef0123456789abcdef.json"}
        """
        .formatted(ACCOUNT, to, FROM, ACCOUNT);
  }

  private static String twilioError(final int code, final String message, final int status) {
    return """
        {"code": %d, "message": "%s", "more_info": "https://www.twilio.com/docs/errors/%d",
         "status": %d}
        """
        .formatted(code, message, code, status);
  }

  @Test
  void sendsThroughTheMessagesApiAndReturnsSidAndStatus() {
    TWILIO.stubFor(
        post(urlEqualTo(MESSAGES))
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withHeader("Content-Type", "application/json")
                    .withBody(created("+41791234567"))));

    final SmsReceipt receipt =
        new SmsSender(settings()).send("+41 79 123 45 67", "Server web1 is down");

    assertThat(receipt)
        .isEqualTo(new SmsReceipt("SM0123456789abcdef0123456789abcdef", "queued", "+41791234567"));
    TWILIO.verify(
        1,
        postRequestedFor(urlEqualTo(MESSAGES))
            .withBasicAuth(new BasicCredentials(ACCOUNT, TOKEN))
            .withFormParam("To", equalTo("+41791234567"))
            .withFormParam("From", equalTo(FROM))
            .withFormParam("Body", equalTo("Server web1 is down"))
            .withFormParam("StatusCallback", equalTo(CALLBACK.toString())));
  }

  @Test
  void sendsFromAMessagingServiceWhenConfigured() {
    TWILIO.stubFor(
        post(urlEqualTo(MESSAGES))
            .willReturn(aResponse().withStatus(201).withBody(created("+41791234567"))));
    final String service = "MG0123456789abcdef0123456789abcdef";
    final TwilioSettings settings =
        TwilioSettings.of(ACCOUNT, TOKEN.toCharArray(), service)
            .withApiBaseUrl(URI.create("http://localhost:" + TWILIO.getPort()));

    new SmsSender(settings).send("+41791234567", "hi");

    TWILIO.verify(
        postRequestedFor(urlEqualTo(MESSAGES))
            .withFormParam("MessagingServiceSid", equalTo(service)));
  }

  @Test
  void malformedNumberIsRefusedBeforeAnythingIsSent() {
    assertThatThrownBy(() -> new SmsSender(settings()).send("079 123 45 67", "hi"))
        .isInstanceOf(InvalidRecipientException.class)
        .hasMessageContaining("'079 123 45 67' is not an E.164 phone number")
        .satisfies(e -> assertThat(((ConnectorException) e).retryable()).isFalse());
    assertThatThrownBy(() -> new SmsSender(settings()).send("+41 79 CALL ME", "hi"))
        .isInstanceOf(InvalidRecipientException.class);
    TWILIO.verify(0, postRequestedFor(anyUrl()));
  }

  @Test
  void numberTwilioCallsInvalidIsAPermanentErrorNamingTheNumber() {
    TWILIO.stubFor(
        post(urlEqualTo(MESSAGES))
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        twilioError(
                            21211,
                            "The 'To' number +15005550001 is not a valid phone number.",
                            400))));

    assertThatThrownBy(() -> new SmsSender(settings()).send("+15005550001", "hi"))
        .isInstanceOf(InvalidRecipientException.class)
        .hasMessageContaining("refused recipient +15005550001")
        .hasMessageContaining("Twilio error 21211")
        .satisfies(
            e -> {
              assertThat(((InvalidRecipientException) e).retryable()).isFalse();
              assertThat(((InvalidRecipientException) e).number()).isEqualTo("+15005550001");
            });
    TWILIO.verify(1, postRequestedFor(anyUrl()));
  }

  @Test
  void rateLimitIsRetriedAfterTheWaitTwilioAskedFor() {
    TWILIO.stubFor(
        post(urlEqualTo(MESSAGES))
            .inScenario("rate limit")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(
                aResponse()
                    .withStatus(429)
                    .withHeader("Retry-After", "1")
                    .withBody(twilioError(20429, "Too Many Requests", 429)))
            .willSetStateTo("calm"));
    TWILIO.stubFor(
        post(urlEqualTo(MESSAGES))
            .inScenario("rate limit")
            .whenScenarioStateIs("calm")
            .willReturn(aResponse().withStatus(201).withBody(created("+41791234567"))));

    final SmsReceipt receipt = new SmsSender(settings()).send("+41791234567", "hi");

    assertThat(receipt.status()).isEqualTo("queued");
    final List<ServeEvent> calls =
        TWILIO.getAllServeEvents().stream()
            .sorted(Comparator.comparing(e -> e.getRequest().getLoggedDate()))
            .toList();
    assertThat(calls).hasSize(2);
    final long gapMillis =
        calls.get(1).getRequest().getLoggedDate().getTime()
            - calls.get(0).getRequest().getLoggedDate().getTime();
    assertThat(gapMillis).isGreaterThanOrEqualTo(950);
  }

  @Test
  void rateLimitLongerThanThePolicyWaitsGoesToTheCallerWithTheWait() {
    TWILIO.stubFor(
        post(urlEqualTo(MESSAGES))
            .willReturn(
                aResponse()
                    .withStatus(429)
                    .withHeader("Retry-After", "120")
                    .withBody(twilioError(20429, "Too Many Requests", 429))));

    assertThatThrownBy(() -> new SmsSender(settings()).send("+41791234567", "hi"))
        .isInstanceOf(ConnectorException.class)
        .hasMessageContaining("HTTP 429")
        .satisfies(
            e -> {
              final ConnectorException failure = (ConnectorException) e;
              assertThat(failure.retryable()).isTrue();
              assertThat(failure.retryAfter()).contains(Duration.ofMinutes(2));
            });
    TWILIO.verify(1, postRequestedFor(anyUrl()));
  }

  @Test
  void serverErrorsAreRetriedUpToTheLimitThenRetryable() {
    TWILIO.stubFor(
        post(urlEqualTo(MESSAGES)).willReturn(aResponse().withStatus(503).withBody("{}")));

    assertThatThrownBy(() -> new SmsSender(settings()).send("+41791234567", "hi"))
        .isInstanceOf(ConnectorException.class)
        .hasMessageContaining("Twilio API at localhost:" + TWILIO.getPort())
        .hasMessageContaining("HTTP 503")
        .satisfies(e -> assertThat(((ConnectorException) e).retryable()).isTrue());
    TWILIO.verify(3, postRequestedFor(anyUrl()));
  }

  @Test
  void badCredentialsArePermanentAndNameTheAccountNotTheToken() {
    TWILIO.stubFor(
        post(urlEqualTo(MESSAGES))
            .willReturn(
                aResponse().withStatus(401).withBody(twilioError(20003, "Authenticate", 401))));

    assertThatThrownBy(() -> new SmsSender(settings()).send("+41791234567", "hi"))
        .isInstanceOf(ConnectorException.class)
        .hasMessageContaining("rejected the credentials of account " + ACCOUNT)
        .hasMessageNotContaining(TOKEN)
        .satisfies(e -> assertThat(((ConnectorException) e).retryable()).isFalse());
  }

  @Test
  void unreachableApiIsRetryableAndNamed() throws IOException {
    final int closed;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = socket.getLocalPort();
    }
    final TwilioSettings settings =
        settings().withApiBaseUrl(URI.create("http://localhost:" + closed));

    assertThatThrownBy(() -> new SmsSender(settings).send("+41791234567", "hi"))
        .isInstanceOf(ConnectorException.class)
        .hasMessageContaining("cannot reach Twilio API at localhost:" + closed)
        .satisfies(e -> assertThat(((ConnectorException) e).retryable()).isTrue());
  }

  @Test
  void settingsNeverShowTheAuthToken() {
    assertThat(settings().toString()).doesNotContain(TOKEN).contains("authToken=***");
    assertThat(new SmsSender(settings()).toString()).doesNotContain(TOKEN);
  }

  @Test
  void settingsRefuseMalformedAccountAndSender() {
    assertThatThrownBy(() -> TwilioSettings.of("AC123", TOKEN.toCharArray(), FROM))
        .hasMessageContaining("'AC123' is not a Twilio account SID");
    assertThatThrownBy(() -> TwilioSettings.of(ACCOUNT, TOKEN.toCharArray(), "Flowdesk"))
        .hasMessageContaining("'Flowdesk' is not an E.164 phone number");
  }
}
