package io.flowdesk.workers.processes;

import static io.flowdesk.workers.processes.ItemTesting.awaitTask;
import static io.flowdesk.workers.processes.ItemTesting.complete;
import static io.flowdesk.workers.processes.ItemTesting.order;
import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.response.UserTask;
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
import io.flowdesk.workers.rpa.RpaWorker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * processes/catalog/software-access.bpmn with DMN software-access-owner and its form as packaged:
 * the application owner's group approves, the browser robot creates the account in the connectors'
 * legacy admin console, the service desk when it cannot.
 */
@FlowdeskEngineTest
class SoftwareAccessProcessTest {

  @TempDir static Path artifacts;

  static LegacyAdminConsole console;
  static BrowserPool pool;
  static SecretStore secrets;
  static TestWorker rpa;
  static RequestStandIns standIns;

  CamundaClient client;
  EngineRecords records;

  @BeforeAll
  static void console() {
    console = LegacyAdminConsole.start();
    pool = new BrowserPool(BrowserPoolConfig.of(1));
    secrets = new SecretStore(WorkerTesting.domainDatabase(), WorkerTesting.randomKey());
    final SecretBinding consoleOnly =
        SecretBinding.of(List.of(RpaWorker.CONNECTOR), List.of(console.baseUrl()));
    secrets.put("console-admin", LegacyAdminConsole.PASSWORD.toCharArray(), consoleOnly);
    secrets.put("initial-password", "Welcome-2026!".toCharArray(), consoleOnly);
  }

  @BeforeEach
  void deploy() {
    if (standIns == null) {
      ItemTesting.deploy(
          client,
          List.of("catalog/software-access.bpmn", "catalog/software-access-owner.dmn"),
          List.of("software-access.form"));
      standIns = RequestStandIns.start(client);
      rpa = new TestWorker(client, RpaWorker.TYPE);
      rpa.use(
          new RpaWorker(
                  new RpaRunner(
                      pool,
                      RpaRunSettings.of(artifacts).withDefaultStepTimeout(Duration.ofSeconds(5))),
                  secrets,
                  Duration.ofMillis(100))
              ::handle);
    }
  }

  @AfterAll
  static void stop() {
    standIns.close();
    standIns = null;
    rpa.close();
    pool.close();
    console.close();
  }

  @Test
  void afterTheOwnersApprovalTheRobotCreatesTheAccountInTheConsole() {
    final long instance = orderConsoleAccess("REQ0000201", "jdoe", console.baseUrl());

    final long approval = standIns.awaitApproval(instance);
    assertThat(records.variable(approval, "approvers")).isEqualTo("[\"group:applications\"]");
    assertThat(records.variable(approval, "subject"))
        .isEqualTo("\"ops access to ops-console for Jane Doe (jdoe)\"");
    standIns.decide(approval, "approved", "agent.anna");

    records.awaitCompleted(instance);
    assertThat(records.passed(instance, "accessGranted", "ELEMENT_COMPLETED")).isTrue();
    assertThat(records.passed(instance, "createByHand", "ELEMENT_ACTIVATED")).isFalse();
    assertThat(console.createdUsers())
        .anySatisfy(
            user ->
                assertThat(user)
                    .containsEntry("login", "jdoe")
                    .containsEntry("email", "jane.doe@example.test")
                    .containsEntry("role", "ops"));
    assertThat(standIns.stages("REQ0000201"))
        .containsExactly("approval", "fulfilment", "fulfilled");
    assertThat(standIns.stagesOf("REQ0000201").get(2).comment())
        .isEqualTo("Account jdoe can use ops-console now.");
  }

  @Test
  void whenTheRobotFailsTheServiceDeskCreatesTheAccountByHand() {
    // A console that does not answer: the robot's first step fails.
    final long instance =
        orderConsoleAccess("REQ0000202", "rroe", console.baseUrl() + "/no-such-console");
    standIns.decide(standIns.awaitApproval(instance), "approved", "agent.anna");

    final UserTask byHand = awaitTask(client, instance, "createByHand");
    assertThat(byHand.getCandidateGroups()).containsExactly("service-desk");
    assertThat(records.passed(instance, "robotFailed", "ELEMENT_COMPLETED")).isTrue();
    assertThat(records.variable(instance, "errorMessage")).isNotBlank();
    assertThat(standIns.stages("REQ0000202")).containsExactly("approval", "fulfilment");
    complete(client, byHand, Map.of());

    records.awaitCompleted(instance);
    assertThat(records.passed(instance, "accessGranted", "ELEMENT_COMPLETED")).isTrue();
    assertThat(standIns.stages("REQ0000202"))
        .containsExactly("approval", "fulfilment", "fulfilled");
  }

  @Test
  void theOwnersRejectionRejectsTheRequestAndNobodyCreatesAnAccount() {
    final long instance = orderConsoleAccess("REQ0000203", "nobody", console.baseUrl());

    standIns.decide(standIns.awaitApproval(instance), "rejected", "agent.anna");

    records.awaitCompleted(instance);
    assertThat(records.passed(instance, "accessRejected", "ELEMENT_COMPLETED")).isTrue();
    assertThat(console.createdUsers())
        .noneSatisfy(u -> assertThat(u).containsEntry("login", "nobody"));
    assertThat(standIns.stages("REQ0000203")).containsExactly("approval", "rejected");
  }

  @Test
  void anApplicationWithoutARobotGoesToTheServiceDeskAfterItsOwnersApproval() {
    final Map<String, Object> answers = new HashMap<>(answers("mnet", console.baseUrl()));
    answers.put("application", "network-monitoring");
    final long instance = order(client, "software-access", "REQ0000204", "bob", "bob", answers);

    final long approval = standIns.awaitApproval(instance);
    assertThat(records.variable(approval, "approvers")).isEqualTo("[\"group:network-team\"]");
    standIns.decide(approval, "approved", "agent.nils");

    awaitTask(client, instance, "createByHand");
    assertThat(records.passed(instance, "createAccount", "ELEMENT_ACTIVATED")).isFalse();
  }

  @ParameterizedTest
  @CsvSource({
    "ops-console, applications, true",
    "crm, applications, false",
    "network-monitoring, network-team, false",
    "payroll, service-desk, false",
  })
  void theOwnerDecisionNamesADirectoryGroupAndWhetherARobotCreatesTheAccount(
      final String application, final String ownerGroup, final boolean automated) {
    final String result =
        client
            .newEvaluateDecisionCommand()
            .decisionId("software-access-owner")
            .variables(Map.of("application", application))
            .send()
            .join()
            .getDecisionOutput();

    assertThat(result)
        .isEqualTo("{\"ownerGroup\":\"" + ownerGroup + "\",\"automated\":" + automated + "}");
  }

  private long orderConsoleAccess(final String number, final String login, final String url) {
    return order(client, "software-access", number, "alice", "alice", answers(login, url));
  }

  private static Map<String, Object> answers(final String login, final String consoleUrl) {
    return Map.of(
        "application", "ops-console",
        "accessLevel", "ops",
        "login", login,
        "fullName", "Jane Doe",
        "email", "jane.doe@example.test",
        "justification", "On call from January",
        "legacyConsoleUrl", consoleUrl);
  }
}
