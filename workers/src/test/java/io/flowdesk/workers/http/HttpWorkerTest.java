package io.flowdesk.workers.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.flowdesk.workers.WorkerTesting.deploy;
import static io.flowdesk.workers.WorkerTesting.processId;
import static io.flowdesk.workers.WorkerTesting.start;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.camunda.client.CamundaClient;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.flowdesk.connectors.RetryPolicy;
import io.flowdesk.connectors.http.DestinationPolicy;
import io.flowdesk.connectors.http.HttpConnector;
import io.flowdesk.connectors.http.HttpConnectorSettings;
import io.flowdesk.domain.secret.SecretBinding;
import io.flowdesk.domain.secret.SecretStore;
import io.flowdesk.engine.test.EngineRecords;
import io.flowdesk.engine.test.FlowdeskEngineTest;
import io.flowdesk.workers.TestWorker;
import io.flowdesk.workers.WorkerTesting;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@FlowdeskEngineTest
class HttpWorkerTest {

  @RegisterExtension
  static final WireMockExtension API =
      WireMockExtension.newInstance()
          .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
          .build();

  /** Another server on another port: a destination outside every binding of this test. */
  @RegisterExtension
  static final WireMockExtension ELSEWHERE =
      WireMockExtension.newInstance()
          .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
          .build();

  static SecretStore secrets;
  static HttpConnector connector;
  static TestWorker running;

  CamundaClient client;
  EngineRecords records;

  @BeforeAll
  static void domain() {
    secrets = new SecretStore(WorkerTesting.domainDatabase(), WorkerTesting.randomKey());
    secrets.put(
        "cmdb.token",
        "cmdb-bearer-token".toCharArray(),
        SecretBinding.of(List.of(HttpWorker.CONNECTOR), List.of(origin(API))));
    secrets.put(
        "smtp.password",
        "smtp-password-value".toCharArray(),
        SecretBinding.of(List.of("email"), List.of("smtp://127.0.0.1:587", origin(API))));
    connector =
        new HttpConnector(
            HttpConnectorSettings.of(
                    DestinationPolicy.builder()
                        .allowHost("127.0.0.1")
                        .allowAddressRange("127.0.0.1/32")
                        .build())
                .withRetryPolicy(new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(50))));
  }

  @BeforeEach
  void startWorker() {
    if (running == null) {
      running = new TestWorker(client, HttpWorker.TYPE);
      running.use(new HttpWorker(connector, secrets, Duration.ofMillis(100))::handle);
    }
  }

  @AfterAll
  static void stop() {
    running.close();
    connector.close();
  }

  static String origin(final WireMockExtension server) {
    return "http://127.0.0.1:" + server.getPort();
  }

  String base() {
    return origin(API);
  }

  /** A process with one {@code flowdesk:http} GET to {@code url} with {@code secret} as bearer. */
  String deployBearerCall(final String url, final String secret) {
    final String id = processId();
    deploy(
        client,
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .serviceTask(
                "call",
                t ->
                    t.zeebeJobType(HttpWorker.TYPE)
                        .zeebeJobRetries("3")
                        .zeebeInput("GET", "method")
                        .zeebeInput(url, "url")
                        .zeebeInput("bearer", "authType")
                        .zeebeInput(secret, "authSecret"))
            // A caught error would hide the refusal from operators: it must not be a BPMN error.
            .boundaryEvent("caught", b -> b.error())
            .endEvent("errorCaught")
            .moveToActivity("call")
            .endEvent()
            .done());
    return id;
  }

  long jobFailures(final long instance) {
    return records.of(instance).stream()
        .filter(entry -> entry.valueType().equals("JOB") && entry.intent().equals("FAILED"))
        .count();
  }

  @Test
  void aSecretIsNotSentToAnOriginOutsideItsBinding() {
    ELSEWHERE.stubFor(get(urlEqualTo("/collect")).willReturn(okJson("{}")));
    final String id = deployBearerCall(origin(ELSEWHERE) + "/collect", "cmdb.token");

    final long instance = start(client, id, Map.of());

    final var incidents = records.awaitIncidents(instance);
    assertThat(incidents.get(0).errorMessage())
        .contains("secret 'cmdb.token' may not be sent to " + origin(ELSEWHERE))
        .contains("/admin/secrets")
        .doesNotContain("cmdb-bearer-token");
    assertThat(jobFailures(instance)).as("failed once, without retries").isEqualTo(1);
    assertThat(records.elements(instance, "ELEMENT_COMPLETED")).doesNotContain("errorCaught");
    ELSEWHERE.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void aLookAlikeHostThatStartsWithTheBoundOriginIsRefused() {
    final String lookAlike = "http://127.0.0.1." + "evil.test:" + API.getPort();
    final String id = deployBearerCall(lookAlike + "/api/cis", "cmdb.token");

    final long instance = start(client, id, Map.of());

    assertThat(records.awaitIncidents(instance).get(0).errorMessage())
        .contains("secret 'cmdb.token' may not be sent to " + lookAlike);
    API.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void aSecretBoundToAnotherConnectorIsRefusedByHttpEvenAtItsDestination() {
    final String id = deployBearerCall(base() + "/api/cis", "smtp.password");

    final long instance = start(client, id, Map.of());

    assertThat(records.awaitIncidents(instance).get(0).errorMessage())
        .contains("secret 'smtp.password' may not be used by the http connector (only by email)")
        .doesNotContain("smtp-password-value");
    API.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void aRedirectToAnotherOriginIsFollowedWithoutTheSecret() {
    API.stubFor(
        get(urlEqualTo("/api/moved"))
            .willReturn(
                aResponse().withStatus(302).withHeader("Location", origin(ELSEWHERE) + "/landed")));
    ELSEWHERE.stubFor(get(urlEqualTo("/landed")).willReturn(okJson("{\"landed\": true}")));
    final String id = deployBearerCall(base() + "/api/moved", "cmdb.token");

    final long instance = start(client, id, Map.of());

    records.awaitCompleted(instance);
    API.verify(
        getRequestedFor(urlEqualTo("/api/moved"))
            .withHeader("Authorization", equalTo("Bearer cmdb-bearer-token")));
    ELSEWHERE.verify(getRequestedFor(urlEqualTo("/landed")).withoutHeader("Authorization"));
  }

  @Test
  void aPostWithBearerAuthSendsTheJsonBodyAndStoresTheAnswer() {
    API.stubFor(
        post(urlEqualTo("/api/cis"))
            .withHeader("Authorization", equalTo("Bearer cmdb-bearer-token"))
            .withRequestBody(equalToJson("{\"name\": \"web1\", \"cores\": 4}"))
            .willReturn(okJson("{\"id\": \"CI0042\", \"state\": \"created\"}").withStatus(201)));
    final String id = processId();
    deploy(
        client,
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .serviceTask(
                "register",
                t ->
                    t.zeebeJobType(HttpWorker.TYPE)
                        .zeebeInput("POST", "method")
                        .zeebeInputExpression("baseUrl + \"/api/cis\"", "url")
                        .zeebeInputExpression("{name: host, cores: 4}", "body")
                        .zeebeInput("bearer", "authType")
                        .zeebeInput("cmdb.token", "authSecret")
                        .zeebeTaskHeader("resultVariable", "registration"))
            .endEvent()
            .done());

    final long instance = start(client, id, Map.of("baseUrl", base(), "host", "web1"));

    records.awaitCompleted(instance);
    assertThat(records.variable(instance, "registration"))
        .contains("\"status\": 201")
        .contains("\"id\": \"CI0042\"");
  }

  @Test
  void anErrorStatusIsABpmnErrorWithTheStatusInItsCode() {
    API.stubFor(get(urlPathEqualTo("/api/cis/missing")).willReturn(aResponse().withStatus(404)));
    final String id = processId();
    deploy(
        client,
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .serviceTask(
                "lookup",
                t ->
                    t.zeebeJobType(HttpWorker.TYPE)
                        .zeebeInput("GET", "method")
                        .zeebeInputExpression("baseUrl + \"/api/cis/missing\"", "url")
                        .zeebeInputExpression("{verbose: \"true\"}", "queryParameters"))
            .boundaryEvent("notFound", b -> b.error("FLOWDESK_HTTP_404"))
            .endEvent("unknownCi")
            .moveToActivity("lookup")
            .endEvent()
            .done());

    final long instance = start(client, id, Map.of("baseUrl", base()));

    records.awaitCompleted(instance);
    assertThat(records.elements(instance, "ELEMENT_COMPLETED")).contains("unknownCi");
    assertThat(records.variable(instance, "errorMessage"))
        .contains("GET 127.0.0.1/api/cis/missing answered 404");
  }

  @Test
  void aDestinationOutsideTheAllowListIsRejectedBeforeAnyRequest() {
    final String id = processId();
    deploy(
        client,
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .serviceTask(
                "call",
                t ->
                    t.zeebeJobType(HttpWorker.TYPE)
                        .zeebeInput("http://169.254.169.254/latest/meta-data/", "url"))
            .boundaryEvent("refused", b -> b.error("FLOWDESK_HTTP_REJECTED"))
            .endEvent("blocked")
            .moveToActivity("call")
            .endEvent()
            .done());

    final long instance = start(client, id, Map.of());

    records.awaitCompleted(instance);
    assertThat(records.elements(instance, "ELEMENT_COMPLETED")).contains("blocked");
    assertThat(records.variable(instance, "errorMessage")).contains("169.254.169.254");
  }

  @Test
  void aPersistentServerErrorIsRetriedThenRaisesAnIncident() {
    API.stubFor(post(urlEqualTo("/api/flaky")).willReturn(aResponse().withStatus(503)));
    final String id = processId();
    deploy(
        client,
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .serviceTask(
                "call",
                t ->
                    t.zeebeJobType(HttpWorker.TYPE)
                        .zeebeJobRetries("2")
                        .zeebeInput("POST", "method")
                        .zeebeInputExpression("baseUrl + \"/api/flaky\"", "url"))
            .endEvent()
            .done());

    final long instance = start(client, id, Map.of("baseUrl", base()));

    final var incidents = records.awaitIncidents(instance);
    assertThat(incidents.get(0).errorMessage()).contains("503");
    // Two job attempts, each with the connector's two tries.
    API.verify(4, postRequestedFor(urlEqualTo("/api/flaky")));
  }
}
