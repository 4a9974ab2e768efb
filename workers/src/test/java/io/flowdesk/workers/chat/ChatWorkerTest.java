package io.flowdesk.workers.chat;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@FlowdeskEngineTest
class ChatWorkerTest {

  @RegisterExtension
  static final WireMockExtension HOOKS =
      WireMockExtension.newInstance()
          .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
          .build();

  static final String SLACK_PATH = "/services/T000/B000/slack-credential";
  static final String TEAMS_PATH = "/webhookb2/teams-credential";

  static SecretStore secrets;
  static TestWorker running;

  CamundaClient client;
  EngineRecords records;

  @BeforeAll
  static void domain() {
    final var dataSource = WorkerTesting.domainDatabase();
    secrets = new SecretStore(dataSource, WorkerTesting.randomKey());
    final String hooks = "http://localhost:" + HOOKS.getPort();
    final SecretBinding chat = SecretBinding.of(List.of(ChatWorker.CHANNEL), List.of(hooks));
    secrets.put("slack.ops", (hooks + SLACK_PATH).toCharArray(), chat);
    secrets.put("teams.ops", (hooks + TEAMS_PATH).toCharArray(), chat);
    secrets.put("slack.archived", (hooks + "/archived").toCharArray(), chat);
    secrets.put(
        "slack.elsewhere",
        (hooks + "/elsewhere").toCharArray(),
        SecretBinding.of(List.of(ChatWorker.CHANNEL), List.of("https://hooks.slack.com")));
  }

  @BeforeEach
  void startWorker() {
    if (running == null) {
      running = new TestWorker(client, ChatWorker.TYPE);
      running.use(
          new ChatWorker(
                  secrets,
                  new DeliveryLog(WorkerTesting.domainDatabase()),
                  new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(50)),
                  Duration.ofMillis(100))
              ::handle);
    }
  }

  @AfterAll
  static void stopWorker() {
    running.close();
  }

  static BpmnModelInstance announce(final String id, final String platform, final String secret) {
    return Bpmn.createExecutableProcess(id)
        .startEvent()
        .serviceTask(
            "announce",
            t ->
                t.zeebeJobType(ChatWorker.TYPE)
                    .zeebeInput(platform, "platform")
                    .zeebeInput(secret, "webhookSecret")
                    .zeebeInputExpression("\"Change \" + change + \" starts now\"", "text")
                    .zeebeInputExpression("\"Change window\"", "title"))
        .boundaryEvent("refused", b -> b.error("FLOWDESK_CHAT_REJECTED"))
        .endEvent("notAnnounced")
        .moveToActivity("announce")
        .endEvent("announced")
        .done();
  }

  @Test
  void aSlackMessageIsPostedToTheWebhookTheSecretNames() {
    HOOKS.stubFor(
        post(urlEqualTo(SLACK_PATH)).willReturn(aResponse().withStatus(200).withBody("ok")));
    final String id = processId();
    deploy(client, announce(id, "slack", "slack.ops"));

    final long instance = start(client, id, Map.of("change", "CHG0000042"));

    records.awaitCompleted(instance);
    HOOKS.verify(
        1,
        postRequestedFor(urlEqualTo(SLACK_PATH))
            .withRequestBody(
                matchingJsonPath(
                    "$.text",
                    com.github.tomakehurst.wiremock.client.WireMock.equalTo(
                        "Change CHG0000042 starts now"))));
    assertThat(records.passed(instance, "announced", "ELEMENT_COMPLETED")).isTrue();
  }

  @Test
  void aTeamsMessageIsPostedAsAnAdaptiveCard() {
    HOOKS.stubFor(post(urlEqualTo(TEAMS_PATH)).willReturn(aResponse().withStatus(202)));
    final String id = processId();
    deploy(client, announce(id, "teams", "teams.ops"));

    final long instance = start(client, id, Map.of("change", "CHG0000043"));

    records.awaitCompleted(instance);
    HOOKS.verify(
        1,
        postRequestedFor(urlEqualTo(TEAMS_PATH))
            .withRequestBody(
                matchingJsonPath(
                    "$.attachments[0].content.body[1].text",
                    com.github.tomakehurst.wiremock.client.WireMock.equalTo(
                        "Change CHG0000043 starts now"))));
  }

  @Test
  void aRefusedMessageEndsInTheErrorBoundaryWithoutShowingTheWebhookPath() {
    HOOKS.stubFor(
        post(urlEqualTo("/archived"))
            .willReturn(aResponse().withStatus(410).withBody("channel_is_archived")));
    final String id = processId();
    deploy(client, announce(id, "slack", "slack.archived"));

    final long instance = start(client, id, Map.of("change", "CHG0000044"));

    records.awaitCompleted(instance);
    assertThat(records.elements(instance, "ELEMENT_COMPLETED")).contains("notAnnounced");
    assertThat(records.variable(instance, "errorMessage"))
        .contains("channel_is_archived")
        .doesNotContain("/archived");
  }

  @Test
  void aWebhookUrlOutsideItsSecretsBindingIsNeverCalled() {
    final String id = processId();
    deploy(client, announce(id, "slack", "slack.elsewhere"));

    final long instance = start(client, id, Map.of("change", "CHG0000043"));

    assertThat(records.awaitIncidents(instance).get(0).errorMessage())
        .contains(
            "secret 'slack.elsewhere' may not be sent to http://localhost:"
                + HOOKS.getPort()
                + " (allowed: https://hooks.slack.com)")
        .doesNotContain("/elsewhere");
    assertThat(records.elements(instance, "ELEMENT_COMPLETED")).doesNotContain("notAnnounced");
    HOOKS.verify(0, postRequestedFor(urlEqualTo("/elsewhere")));
  }

  @Test
  void aWebhookSecretThatDoesNotExistIsABpmnErrorNamingIt() {
    final String id = processId();
    deploy(
        client,
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .serviceTask(
                "announce",
                t ->
                    t.zeebeJobType(ChatWorker.TYPE)
                        .zeebeInput("slack", "platform")
                        .zeebeInput("slack.nowhere", "webhookSecret")
                        .zeebeInput("hello", "text"))
            .boundaryEvent("noSecret", b -> b.error("FLOWDESK_SECRET_MISSING"))
            .endEvent("secretMissing")
            .moveToActivity("announce")
            .endEvent()
            .done());

    final long instance = start(client, id, Map.of());

    records.awaitCompleted(instance);
    assertThat(records.elements(instance, "ELEMENT_COMPLETED")).contains("secretMissing");
    assertThat(records.variable(instance, "errorMessage")).contains("'slack.nowhere'");
  }
}
