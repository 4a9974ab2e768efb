package io.flowdesk.workers.sms;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.flowdesk.workers.WorkerTesting.deploy;
import static io.flowdesk.workers.WorkerTesting.processId;
import static io.flowdesk.workers.WorkerTesting.start;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.camunda.client.CamundaClient;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.flowdesk.connectors.RetryPolicy;
import io.flowdesk.domain.delivery.DeliveryLog;
import io.flowdesk.domain.secret.SecretBinding;
import io.flowdesk.domain.secret.SecretStore;
import io.flowdesk.engine.test.EngineRecords;
import io.flowdesk.engine.test.FlowdeskEngineTest;
import io.flowdesk.workers.TestWorker;
import io.flowdesk.workers.WorkerTesting;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@FlowdeskEngineTest
class SmsWorkerTest {

  @RegisterExtension
  static final WireMockExtension TWILIO =
      WireMockExtension.newInstance()
          .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
          .build();

  static final String ACCOUNT = "AC0123456789abcdef0123456789abcdef";
  static final String MESSAGES = "/2010-04-01/Accounts/" + ACCOUNT + "/Messages.json";

  static SecretStore secrets;
  static DeliveryLog deliveries;
  static TestWorker running;

  CamundaClient client;
  EngineRecords records;

  @BeforeAll
  static void domain() {
    final var dataSource = WorkerTesting.domainDatabase();
    secrets = new SecretStore(dataSource, WorkerTesting.randomKey());
    secrets.put(
        "twilio.token",
        "twilio-auth-token".toCharArray(),
        SecretBinding.of(
            List.of(SmsWorker.CHANNEL), List.of("http://localhost:" + TWILIO.getPort())));
    secrets.put(
        "twilio.production-token",
        "production-auth-token".toCharArray(),
        SecretBinding.of(List.of(SmsWorker.CHANNEL), List.of("https://api.twilio.com")));
    deliveries = new DeliveryLog(dataSource);
  }

  @BeforeEach
  void startWorker() {
    if (running == null) {
      running = new TestWorker(client, SmsWorker.TYPE);
    }
    useTokenSecret("twilio.token");
  }

  void useTokenSecret(final String authTokenSecret) {
    final SmsAccount account =
        new SmsAccount(
            ACCOUNT,
            authTokenSecret,
            "+15005550006",
            URI.create("http://localhost:" + TWILIO.getPort()),
            new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(50)));
    running.use(new SmsWorker(account, secrets, deliveries, Duration.ofMillis(100))::handle);
  }

  @Test
  void anAuthTokenBoundToAnotherApiIsNotSentToTheConfiguredOne() {
    useTokenSecret("twilio.production-token");
    final String id = processId();
    deploy(client, alertProcess(id));

    final long instance = start(client, id, Map.of("onCall", "+41791111112", "host", "web2"));

    assertThat(records.awaitIncidents(instance).get(0).errorMessage())
        .contains(
            "secret 'twilio.production-token' may not be sent to http://localhost:"
                + TWILIO.getPort())
        .doesNotContain("production-auth-token");
    TWILIO.verify(0, anyRequestedFor(anyUrl()));
  }

  @AfterAll
  static void stopWorker() {
    running.close();
  }

  static String created(final String sid, final String to) {
    return """
        {"sid": "%s", "account_sid": "%s", "to": "%s", "from": "+15005550006",
         "body": "x", "status": "queued", "direction": "outbound-api",
         "api_version": "2010-04-01"}
        """
        .formatted(sid, ACCOUNT, to);
  }

  static BpmnModelInstance alertProcess(final String id) {
    return Bpmn.createExecutableProcess(id)
        .startEvent()
        .serviceTask(
            "page",
            t ->
                t.zeebeJobType(SmsWorker.TYPE)
                    .zeebeJobRetries("3")
                    .zeebeInputExpression("onCall", "to")
                    .zeebeInputExpression("\"Server \" + host + \" is down\"", "message")
                    .zeebeTaskHeader("resultVariable", "smsResult"))
        .boundaryEvent("refused", b -> b.error("FLOWDESK_SMS_REJECTED"))
        .endEvent("notPaged")
        .moveToActivity("page")
        .endEvent("paged")
        .done();
  }

  @Test
  void eachNumberGetsTheMessageThroughTwilioAndItsSidIsTheResult() {
    TWILIO.stubFor(
        post(urlEqualTo(MESSAGES))
            .withRequestBody(
                com.github.tomakehurst.wiremock.client.WireMock.containing("To=%2B41791111111"))
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withBody(created("SM" + "1".repeat(32), "+41791111111"))));
    final String id = processId();
    deploy(client, alertProcess(id));

    final long instance = start(client, id, Map.of("onCall", "+41791111111", "host", "web1"));

    records.awaitCompleted(instance);
    TWILIO.verify(
        1,
        postRequestedFor(urlEqualTo(MESSAGES))
            .withFormParam("To", equalTo("+41791111111"))
            .withFormParam("Body", equalTo("Server web1 is down")));
    assertThat(records.variable(instance, "smsResult")).contains("SM" + "1".repeat(32));
  }

  @Test
  void aRetryAfterAPartialFailureSendsOnlyToTheNumbersStillWaiting() {
    TWILIO.stubFor(
        post(urlEqualTo(MESSAGES))
            .withFormParam("To", equalTo("+41792222222"))
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withBody(created("SM" + "2".repeat(32), "+41792222222"))));
    // The second number's first try meets an outage, its second succeeds.
    TWILIO.stubFor(
        post(urlEqualTo(MESSAGES))
            .withFormParam("To", equalTo("+41793333333"))
            .inScenario("outage")
            .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
            .willReturn(aResponse().withStatus(503))
            .willSetStateTo("503 once"));
    TWILIO.stubFor(
        post(urlEqualTo(MESSAGES))
            .withFormParam("To", equalTo("+41793333333"))
            .inScenario("outage")
            .whenScenarioStateIs("503 once")
            .willReturn(aResponse().withStatus(503))
            .willSetStateTo("up"));
    TWILIO.stubFor(
        post(urlEqualTo(MESSAGES))
            .withFormParam("To", equalTo("+41793333333"))
            .inScenario("outage")
            .whenScenarioStateIs("up")
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withBody(created("SM" + "3".repeat(32), "+41793333333"))));
    final String id = processId();
    deploy(client, alertProcess(id));

    final long instance =
        start(
            client,
            id,
            Map.of("onCall", java.util.List.of("+41792222222", "+41793333333"), "host", "web2"));

    records.awaitCompleted(instance);
    TWILIO.verify(
        1, postRequestedFor(urlEqualTo(MESSAGES)).withFormParam("To", equalTo("+41792222222")));
    TWILIO.verify(
        3, postRequestedFor(urlEqualTo(MESSAGES)).withFormParam("To", equalTo("+41793333333")));
    assertThat(records.variable(instance, "smsResult"))
        .contains("SM" + "2".repeat(32))
        .contains("SM" + "3".repeat(32));
  }

  @Test
  void aNumberTwilioRefusesEndsInTheErrorBoundary() {
    TWILIO.stubFor(
        post(urlEqualTo(MESSAGES))
            .withFormParam("To", equalTo("+15005550001"))
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        """
                        {"code": 21211, "message": "The 'To' number +15005550001 is not a valid phone number.",
                         "more_info": "https://www.twilio.com/docs/errors/21211", "status": 400}
                        """)));
    final String id = processId();
    deploy(client, alertProcess(id));

    final long instance = start(client, id, Map.of("onCall", "+15005550001", "host", "web3"));

    records.awaitCompleted(instance);
    assertThat(records.elements(instance, "ELEMENT_COMPLETED"))
        .contains("refused", "notPaged")
        .doesNotContain("paged");
    assertThat(records.variable(instance, "errorMessage"))
        .contains("+15005550001")
        .contains("21211");
  }
}
