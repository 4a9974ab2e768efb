package io.flowdesk.workers.rpa;

import static io.flowdesk.workers.WorkerTesting.deploy;
import static io.flowdesk.workers.WorkerTesting.processId;
import static io.flowdesk.workers.WorkerTesting.start;
import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.flowdesk.connectors.rpa.BrowserPool;
import io.flowdesk.connectors.rpa.BrowserPoolConfig;
import io.flowdesk.connectors.rpa.LegacyAdminConsole;
import io.flowdesk.connectors.rpa.RpaRunSettings;
import io.flowdesk.connectors.rpa.RpaRunner;
import io.flowdesk.domain.secret.SecretBinding;
import io.flowdesk.domain.secret.SecretStore;
import io.flowdesk.engine.test.EngineRecords;
import io.flowdesk.engine.test.FlowdeskEngineTest;
import io.flowdesk.workers.TestWorker;
import io.flowdesk.workers.WorkerTesting;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@FlowdeskEngineTest
class RpaWorkerTest {

  static LegacyAdminConsole console;
  static BrowserPool pool;
  static SecretStore secrets;
  static TestWorker running;

  @TempDir static Path artifacts;

  CamundaClient client;
  EngineRecords records;

  @BeforeAll
  static void console() {
    console = LegacyAdminConsole.start();
    pool = new BrowserPool(BrowserPoolConfig.of(1));
    secrets = new SecretStore(WorkerTesting.domainDatabase(), WorkerTesting.randomKey());
    secrets.put(
        "console-admin",
        LegacyAdminConsole.PASSWORD.toCharArray(),
        SecretBinding.of(List.of(RpaWorker.CONNECTOR), List.of(console.baseUrl())));
    secrets.put(
        "intranet-admin",
        LegacyAdminConsole.PASSWORD.toCharArray(),
        SecretBinding.of(List.of(RpaWorker.CONNECTOR), List.of("https://intranet.example.com")));
  }

  @BeforeEach
  void startWorker() {
    if (running == null) {
      running = new TestWorker(client, RpaWorker.TYPE);
      final RpaRunner runner =
          new RpaRunner(
              pool, RpaRunSettings.of(artifacts).withDefaultStepTimeout(Duration.ofSeconds(5)));
      running.use(new RpaWorker(runner, secrets, Duration.ofMillis(100))::handle);
    }
  }

  @AfterAll
  static void stop() {
    running.close();
    pool.close();
    console.close();
  }

  static final String SIGN_IN =
      """
      {"steps": [
        {"action": "goto", "url": "${baseUrl}/login"},
        {"action": "fill", "selector": "#username", "value": "${adminUser}"},
        {"action": "fill", "selector": "#password", "secret": "${secretName}"},
        {"action": "click", "selector": "#sign-in"},
        {"action": "extractText", "selector": ".flash", "variable": "greeting"}
      ]}
      """;

  static String script(final String secretName) {
    return SIGN_IN.replace("${secretName}", secretName);
  }

  long run(final String script) {
    final String id = processId();
    deploy(
        client,
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .serviceTask(
                "robot",
                t ->
                    t.zeebeJobType(RpaWorker.TYPE)
                        .zeebeJobRetries("1")
                        .zeebeInputExpression("script", "script")
                        .zeebeInputExpression("{baseUrl: baseUrl, adminUser: \"admin\"}", "inputs")
                        .zeebeTaskHeader("resultVariable", "robot"))
            .boundaryEvent("stepFailed", b -> b.error(RpaWorker.STEP_FAILED))
            .endEvent("robotFailed")
            .moveToActivity("robot")
            .boundaryEvent("noSecret", b -> b.error("FLOWDESK_SECRET_MISSING"))
            .endEvent("secretMissing")
            .moveToActivity("robot")
            .endEvent("done")
            .done());
    return start(client, id, Map.of("script", script, "baseUrl", console.baseUrl()));
  }

  @Test
  void theScriptSignsInWithAStoredSecretAndItsExtractedTextIsTheResult() {
    final long instance = run(script("console-admin"));

    records.awaitCompleted(instance);
    assertThat(records.passed(instance, "done", "ELEMENT_COMPLETED")).isTrue();
    assertThat(records.variable(instance, "robot")).contains("Welcome, admin");
  }

  @Test
  void aSecretIsNotTypedIntoAPageOutsideItsBinding() {
    final int loginRequests = console.hits("/login");

    final long instance = run(script("intranet-admin"));

    assertThat(records.awaitIncidents(instance).get(0).errorMessage())
        .contains("secret 'intranet-admin' may not be sent to " + console.baseUrl())
        .doesNotContain(LegacyAdminConsole.PASSWORD);
    assertThat(console.hits("/login"))
        .as("the login page was read, never posted")
        .isEqualTo(loginRequests + 1);
  }

  @Test
  void aSecretNotInTheStoreIsABpmnErrorNamingIt() {
    final long instance = run(script("console-nobody"));

    records.awaitCompleted(instance);
    assertThat(records.elements(instance, "ELEMENT_COMPLETED")).contains("secretMissing");
    assertThat(records.variable(instance, "errorMessage")).contains("'console-nobody'");
  }

  @Test
  void aStepThatFailsIsABpmnErrorNamingTheStep() {
    final long instance =
        run(
            """
            {"steps": [
              {"action": "goto", "url": "${baseUrl}/login"},
              {"action": "click", "selector": "#no-such-button", "timeoutMs": 500}
            ]}
            """);

    records.awaitCompleted(instance);
    assertThat(records.elements(instance, "ELEMENT_COMPLETED")).contains("robotFailed");
    assertThat(records.variable(instance, "errorMessage")).contains("#no-such-button");
  }
}
