package io.flowdesk.connectors.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
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
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class HttpConnectorTest {

  @RegisterExtension
  static final WireMockExtension API =
      WireMockExtension.newInstance()
          .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
          .build();

  @RegisterExtension
  static final WireMockExtension OTHER =
      WireMockExtension.newInstance()
          .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
          .build();

  private static final RetryPolicy FAST =
      new RetryPolicy(3, Duration.ofMillis(10), Duration.ofSeconds(2));

  /** WireMock lives on loopback, which the guard refuses unless a test allows it explicitly. */
  private static final DestinationPolicy LOOPBACK_ALLOWED =
      DestinationPolicy.builder().allowHost("127.0.0.1").allowAddressRange("127.0.0.1/32").build();

  private HttpConnector connector = connector(HttpConnectorSettings.of(LOOPBACK_ALLOWED));

  @AfterEach
  void close() {
    connector.close();
  }

  private static HttpConnector connector(final HttpConnectorSettings settings) {
    return new HttpConnector(settings.withRetryPolicy(FAST));
  }

  private static URI api(final String path) {
    return URI.create("http://127.0.0.1:" + API.getPort() + path);
  }

  @Test
  void getReturnsStatusHeadersAndTheParsedJsonBody() {
    API.stubFor(
        get(urlEqualTo("/api/incidents?state=open&limit=2"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withHeader("X-Request-Id", "r-42")
                    .withBody("{\"items\": [{\"id\": \"INC0001234\"}], \"total\": 1}")));

    final HttpResult result =
        connector.execute(
            HttpCall.builder("GET", api("/api/incidents?state=open")).query("limit", "2").build());

    assertThat(result.status()).isEqualTo(200);
    assertThat(result.isSuccess()).isTrue();
    assertThat(result.header("X-Request-Id")).contains("r-42");
    assertThat(result.json().get("items").get(0).get("id").asText()).isEqualTo("INC0001234");
    assertThat(result.json().get("total").asInt()).isEqualTo(1);
    assertThat(result.body()).isSameAs(result.json());
  }

  @Test
  void postSendsTheJsonBodyHeadersAndQuery() {
    API.stubFor(post(urlPathEqualTo("/api/tickets")).willReturn(aResponse().withStatus(201)));

    final HttpResult result =
        connector.execute(
            HttpCall.builder("POST", api("/api/tickets"))
                .header("X-Correlation", "INC0001234")
                .query("notify", "true")
                .jsonBody(Map.of("title", "Disk full", "tags", List.of("web1", "prod"), "prio", 2))
                .build());

    assertThat(result.status()).isEqualTo(201);
    assertThat(result.text()).isEmpty();
    assertThat(result.json()).isNull();
    API.verify(
        postRequestedFor(urlEqualTo("/api/tickets?notify=true"))
            .withHeader("X-Correlation", equalTo("INC0001234"))
            .withHeader("Content-Type", equalTo("application/json; charset=UTF-8"))
            .withRequestBody(
                equalToJson(
                    "{\"title\": \"Disk full\", \"tags\": [\"web1\", \"prod\"], \"prio\": 2}")));
  }

  @Test
  void nonJsonAnswersComeBackAsText() {
    API.stubFor(
        get(urlEqualTo("/health"))
            .willReturn(aResponse().withHeader("Content-Type", "text/plain").withBody("UP")));

    final HttpResult result = connector.execute(HttpCall.builder("GET", api("/health")).build());

    assertThat(result.text()).isEqualTo("UP");
    assertThat(result.json()).isNull();
    assertThat(result.body()).isEqualTo("UP");
  }

  @Test
  void clientErrorsAreResultsForTheCallerToJudge() {
    API.stubFor(
        get(urlEqualTo("/api/incidents/INC9"))
            .willReturn(
                aResponse()
                    .withStatus(404)
                    .withHeader("Content-Type", "application/problem+json")
                    .withBody("{\"title\": \"not found\"}")));

    final HttpResult result =
        connector.execute(HttpCall.builder("GET", api("/api/incidents/INC9")).build());

    assertThat(result.status()).isEqualTo(404);
    assertThat(result.isSuccess()).isFalse();
    assertThat(result.json().get("title").asText()).isEqualTo("not found");
    API.verify(1, getRequestedFor(anyUrl()));
  }

  @Test
  void basicBearerAndApiKeyAuthenticationAreSent() {
    API.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(200)));

    connector.execute(
        HttpCall.builder("GET", api("/basic"))
            .auth(HttpAuth.basic("svc-flowdesk", "b4sic-Secret".toCharArray()))
            .build());
    connector.execute(
        HttpCall.builder("GET", api("/bearer"))
            .auth(HttpAuth.bearer("t0ken-Secret".toCharArray()))
            .build());
    connector.execute(
        HttpCall.builder("GET", api("/header"))
            .auth(HttpAuth.apiKeyHeader("X-API-Key", "k3y-Secret".toCharArray()))
            .build());
    connector.execute(
        HttpCall.builder("GET", api("/query"))
            .auth(HttpAuth.apiKeyQuery("api_key", "k3y-Secret".toCharArray()))
            .build());

    API.verify(
        getRequestedFor(urlEqualTo("/basic"))
            .withBasicAuth(new BasicCredentials("svc-flowdesk", "b4sic-Secret")));
    API.verify(
        getRequestedFor(urlEqualTo("/bearer"))
            .withHeader("Authorization", equalTo("Bearer t0ken-Secret")));
    API.verify(
        getRequestedFor(urlEqualTo("/header")).withHeader("X-API-Key", equalTo("k3y-Secret")));
    API.verify(getRequestedFor(urlEqualTo("/query?api_key=k3y-Secret")));
  }

  @Test
  void serverErrorIsRetriedUntilItSucceeds() {
    API.stubFor(
        get(urlEqualTo("/flaky"))
            .inScenario("flaky")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(503))
            .willSetStateTo("up"));
    API.stubFor(
        get(urlEqualTo("/flaky"))
            .inScenario("flaky")
            .whenScenarioStateIs("up")
            .willReturn(aResponse().withStatus(200).withBody("fine")));

    final HttpResult result = connector.execute(HttpCall.builder("GET", api("/flaky")).build());

    assertThat(result.text()).isEqualTo("fine");
    API.verify(2, getRequestedFor(urlEqualTo("/flaky")));
  }

  @Test
  void persistentServerErrorBecomesRetryableAfterTheLastAttemptWithoutLeakingTheQuery() {
    API.stubFor(
        get(urlPathEqualTo("/broken")).willReturn(aResponse().withStatus(500).withBody("boom")));

    assertThatThrownBy(
            () ->
                connector.execute(
                    HttpCall.builder("GET", api("/broken"))
                        .auth(HttpAuth.apiKeyQuery("api_key", "k3y-Secret".toCharArray()))
                        .build()))
        .isInstanceOf(ConnectorException.class)
        .hasMessage(
            "GET http://127.0.0.1:" + API.getPort() + "/broken answered 500 after 3 attempts: boom")
        .satisfies(e -> assertThat(((ConnectorException) e).retryable()).isTrue());
    API.verify(3, getRequestedFor(urlPathEqualTo("/broken")));
  }

  @Test
  void rateLimitIsRetriedAfterTheWaitTheServerAskedFor() {
    API.stubFor(
        get(urlEqualTo("/limited"))
            .inScenario("limit")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1"))
            .willSetStateTo("ok"));
    API.stubFor(
        get(urlEqualTo("/limited"))
            .inScenario("limit")
            .whenScenarioStateIs("ok")
            .willReturn(aResponse().withStatus(200)));

    connector.execute(HttpCall.builder("GET", api("/limited")).build());

    final List<ServeEvent> calls =
        API.getAllServeEvents().stream()
            .sorted(Comparator.comparing(e -> e.getRequest().getLoggedDate()))
            .toList();
    assertThat(calls).hasSize(2);
    assertThat(
            calls.get(1).getRequest().getLoggedDate().getTime()
                - calls.get(0).getRequest().getLoggedDate().getTime())
        .isGreaterThanOrEqualTo(950);
  }

  @Test
  void aWaitLongerThanThePolicyAllowsGoesToTheCaller() {
    API.stubFor(
        get(urlEqualTo("/limited"))
            .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3600")));

    assertThatThrownBy(() -> connector.execute(HttpCall.builder("GET", api("/limited")).build()))
        .isInstanceOf(ConnectorException.class)
        .hasMessageContaining("answered 429")
        .satisfies(
            e -> assertThat(((ConnectorException) e).retryAfter()).contains(Duration.ofHours(1)));
    API.verify(1, getRequestedFor(anyUrl()));
  }

  @Test
  void sameOriginRedirectIsFollowedWithAuthAndSeeOtherTurnsPostIntoGet() {
    API.stubFor(
        post(urlEqualTo("/jobs"))
            .willReturn(aResponse().withStatus(303).withHeader("Location", "/jobs/7")));
    API.stubFor(
        get(urlEqualTo("/jobs/7"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"state\": \"queued\"}")));

    final HttpResult result =
        connector.execute(
            HttpCall.builder("POST", api("/jobs"))
                .jsonBody(Map.of("run", "backup"))
                .auth(HttpAuth.bearer("t0ken".toCharArray()))
                .build());

    assertThat(result.json().get("state").asText()).isEqualTo("queued");
    API.verify(
        getRequestedFor(urlEqualTo("/jobs/7"))
            .withHeader("Authorization", equalTo("Bearer t0ken")));
  }

  @Test
  void redirectToAnotherOriginDropsTheCredentials() {
    API.stubFor(
        get(urlEqualTo("/moved"))
            .willReturn(
                aResponse()
                    .withStatus(302)
                    .withHeader("Location", "http://127.0.0.1:" + OTHER.getPort() + "/here")));
    OTHER.stubFor(get(urlEqualTo("/here")).willReturn(aResponse().withStatus(200).withBody("ok")));

    final HttpResult result =
        connector.execute(
            HttpCall.builder("GET", api("/moved"))
                .header("Cookie", "session=abc")
                .header("X-Trace", "t1")
                .auth(HttpAuth.bearer("t0ken".toCharArray()))
                .build());

    assertThat(result.text()).isEqualTo("ok");
    OTHER.verify(
        getRequestedFor(urlEqualTo("/here"))
            .withHeader("Authorization", absent())
            .withHeader("Cookie", absent())
            .withHeader("X-Trace", equalTo("t1")));
  }

  @Test
  void redirectToAHostOffTheAllowListIsRefused() {
    API.stubFor(
        get(urlEqualTo("/out"))
            .willReturn(
                aResponse().withStatus(302).withHeader("Location", "https://evil.example/steal")));

    assertThatThrownBy(() -> connector.execute(HttpCall.builder("GET", api("/out")).build()))
        .isInstanceOf(DestinationRefusedException.class)
        .hasMessageContaining(
            "redirect from GET http://127.0.0.1:" + API.getPort() + "/out refused")
        .hasMessageContaining("host 'evil.example' is not on the HTTP connector's allow-list")
        .satisfies(
            e -> assertThat(((DestinationRefusedException) e).rule()).isEqualTo("allow-list"));
  }

  @Test
  void redirectToAPrivateOrMetadataAddressIsRefusedEvenWhenTheNameIsAllowed() {
    final HttpConnector permissive =
        connector(
            HttpConnectorSettings.of(
                DestinationPolicy.builder()
                    .allowHost("127.0.0.1")
                    .allowHost("10.0.0.5")
                    .allowHost("169.254.169.254")
                    .allowAddressRange("127.0.0.1/32")
                    .build()));
    API.stubFor(
        get(urlEqualTo("/private"))
            .willReturn(
                aResponse().withStatus(307).withHeader("Location", "http://10.0.0.5/admin")));
    API.stubFor(
        get(urlEqualTo("/metadata"))
            .willReturn(
                aResponse()
                    .withStatus(301)
                    .withHeader("Location", "http://169.254.169.254/latest/meta-data/")));

    try (permissive) {
      assertThatThrownBy(() -> permissive.execute(HttpCall.builder("GET", api("/private")).build()))
          .isInstanceOf(DestinationRefusedException.class)
          .hasMessageContaining("host '10.0.0.5' resolves to 10.0.0.5, refused by the private rule")
          .satisfies(
              e -> assertThat(((DestinationRefusedException) e).host()).isEqualTo("10.0.0.5"));
      assertThatThrownBy(
              () -> permissive.execute(HttpCall.builder("GET", api("/metadata")).build()))
          .isInstanceOf(DestinationRefusedException.class)
          .hasMessageContaining("refused by the metadata rule");
    }
  }

  @Test
  void loopbackIsRefusedUnlessExplicitlyAllowed() {
    final HttpConnector strict =
        connector(
            HttpConnectorSettings.of(
                DestinationPolicy.builder().allowHost("127.0.0.1").allowHost("localhost").build()));

    try (strict) {
      assertThatThrownBy(() -> strict.execute(HttpCall.builder("GET", api("/x")).build()))
          .isInstanceOf(DestinationRefusedException.class)
          .hasMessageContaining(
              "host '127.0.0.1' resolves to 127.0.0.1, refused by the loopback rule");
      assertThatThrownBy(
              () ->
                  strict.execute(
                      HttpCall.builder(
                              "GET", URI.create("http://localhost:" + API.getPort() + "/x"))
                          .build()))
          .isInstanceOf(DestinationRefusedException.class)
          .hasMessageContaining("host 'localhost' resolves to");
    }
    API.verify(0, getRequestedFor(anyUrl()));
  }

  @Test
  void redirectLoopsStopAtTheLimit() {
    API.stubFor(
        get(urlEqualTo("/loop"))
            .willReturn(aResponse().withStatus(302).withHeader("Location", "/loop")));

    assertThatThrownBy(() -> connector.execute(HttpCall.builder("GET", api("/loop")).build()))
        .isInstanceOf(ConnectorException.class)
        .hasMessageContaining("redirected more than 5 times");
    API.verify(6, getRequestedFor(urlEqualTo("/loop")));
  }

  @Test
  void unreachableHostIsRetryableAndNamed() throws IOException {
    final int closed;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = socket.getLocalPort();
    }

    assertThatThrownBy(
            () ->
                connector.execute(
                    HttpCall.builder("GET", URI.create("http://127.0.0.1:" + closed + "/x"))
                        .build()))
        .isInstanceOf(ConnectorException.class)
        .hasMessageContaining("cannot reach GET http://127.0.0.1:" + closed + "/x")
        .satisfies(e -> assertThat(((ConnectorException) e).retryable()).isTrue());
  }

  @Test
  void slowAnswerTimesOut() {
    API.stubFor(get(urlEqualTo("/slow")).willReturn(aResponse().withFixedDelay(2_000)));
    final HttpConnector impatient =
        connector(
            HttpConnectorSettings.of(LOOPBACK_ALLOWED)
                .withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(300)));

    try (impatient) {
      assertThatThrownBy(() -> impatient.execute(HttpCall.builder("GET", api("/slow")).build()))
          .isInstanceOf(ConnectorException.class)
          .hasMessageContaining("got no answer within PT0.3S")
          .satisfies(e -> assertThat(((ConnectorException) e).retryable()).isTrue());
    }
  }

  @Test
  void oversizedAnswerIsRefused() {
    API.stubFor(get(urlEqualTo("/big")).willReturn(aResponse().withBody("x".repeat(2_000))));
    final HttpConnector small =
        connector(HttpConnectorSettings.of(LOOPBACK_ALLOWED).withMaxResponseBytes(1_000));

    try (small) {
      assertThatThrownBy(() -> small.execute(HttpCall.builder("GET", api("/big")).build()))
          .isInstanceOf(ConnectorException.class)
          .hasMessageContaining("answered with more than 1000 bytes")
          .satisfies(e -> assertThat(((ConnectorException) e).retryable()).isFalse());
    }
  }

  @Test
  void malformedCallsAreRefusedBeforeSending() {
    assertThatThrownBy(() -> HttpCall.builder("FETCH", api("/x")).build())
        .hasMessageContaining("HTTP method 'FETCH' is not one of");
    assertThatThrownBy(() -> HttpCall.builder("GET", api("/x")).jsonBody(Map.of("a", 1)).build())
        .hasMessageContaining("GET request to 127.0.0.1 cannot carry a body");
    assertThatThrownBy(
            () -> HttpCall.builder("GET", api("/x")).header("X-A", "1\r\nX-B: 2").build())
        .hasMessageContaining("header 'X-A' has no value or a line break");
    assertThatThrownBy(() -> HttpCall.builder("GET", api("/x")).header("Host", "evil").build())
        .hasMessageContaining("header 'Host' is set by the HTTP client itself");
    assertThatThrownBy(
            () ->
                connector.execute(
                    HttpCall.builder("GET", URI.create("ftp://127.0.0.1/file")).build()))
        .hasMessageContaining("scheme must be http or https");
    API.verify(0, getRequestedFor(anyUrl()));
  }

  @Test
  void secretsNeverShowInToString() {
    final HttpCall call =
        HttpCall.builder("POST", api("/x"))
            .auth(HttpAuth.basic("svc", "b4sic-Secret".toCharArray()))
            .header("X-Token", "h34der-Secret")
            .jsonBody(Map.of("password", "b0dy-Secret"))
            .build();

    assertThat(call.toString())
        .doesNotContain("b4sic-Secret")
        .doesNotContain("h34der-Secret")
        .doesNotContain("b0dy-Secret")
        .contains("X-Token");
    assertThat(HttpAuth.bearer("t0ken-Secret".toCharArray()).toString()).doesNotContain("t0ken");
    assertThat(HttpAuth.apiKeyQuery("k", "k3y-Secret".toCharArray()).toString())
        .doesNotContain("k3y-Secret");
  }
}
