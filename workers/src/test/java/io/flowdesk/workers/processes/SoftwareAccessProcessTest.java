package io.flowdesk.workers.processes;

import static io.flowdesk.domain.request.RequestState.AWAITING_APPROVAL;
import static io.flowdesk.domain.request.RequestState.FULFILLED;
import static io.flowdesk.domain.request.RequestState.IN_FULFILMENT;
import static io.flowdesk.domain.request.RequestState.REJECTED;
import static io.flowdesk.workers.processes.ItemTesting.awaitTask;
import static io.flowdesk.workers.processes.ItemTesting.complete;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.response.UserTask;
import io.flowdesk.connectors.rpa.BrowserPool;
import io.flowdesk.connectors.rpa.BrowserPoolConfig;
import io.flowdesk.connectors.rpa.LegacyAdminConsole;
import io.flowdesk.connectors.rpa.RpaRunSettings;
import io.flowdesk.connectors.rpa.RpaRunner;
import io.flowdesk.domain.approval.Approval;
import io.flowdesk.domain.secret.SecretBinding;
import io.flowdesk.domain.secret.SecretStore;
import io.flowdesk.engine.Engine;
import io.flowdesk.engine.test.EngineRecords;
import io.flowdesk.engine.test.FlowdeskEngineTest;
import io.flowdesk.workers.TestWorker;
import io.flowdesk.workers.WorkerTesting;
import io.flowdesk.workers.processes.RequestBuildingBlocks.Ordered;
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
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * processes/catalog/software-access.bpmn with DMN software-access-owner and its form as packaged:
 * the application owner's group approves, the browser robot creates the account in the connectors'
 * legacy admin console, the service desk when it cannot. The real approval and request workers run
 * as the app runs them ({@link RequestBuildingBlocks}); the request record moves with the process.
 */
@FlowdeskEngineTest
class SoftwareAccessProcessTest {

  @TempDir static Path artifacts;

  static LegacyAdminConsole console;
  static BrowserPool pool;
  static SecretStore secrets;
  static TestWorker rpa;
  static RequestBuildingBlocks blocks;

  @RegisterExtension
  static final GreenMailExtension MAIL =
      new GreenMailExtension(
              new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort())
          .withPerMethodLifecycle(false);

  CamundaClient client;
  EngineRecords records;
  Engine engine;

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
    if (blocks == null) {
      ItemTesting.deploy(
          client,
          List.of("catalog/software-access.bpmn", "catalog/software-access-owner.dmn"),
          List.of("software-access.form"));
      blocks =
          RequestBuildingBlocks.start(engine, client, records, MAIL)
              .people("alice", "bob", "anna", "nils", "dan")
              .group("applications", "anna")
              .group("network-team", "nils")
              .group("service-desk", "dan");
      // The robot with its own secrets and a short step timeout (the app's has none unless
      // flowdesk.connectors.rpa.enabled is set).
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
    blocks.close();
    blocks = null;
    rpa.close();
    pool.close();
    console.close();
  }

  @Test
  void afterTheOwnersApprovalTheRobotCreatesTheAccountInTheConsole() {
    final Ordered request = orderConsoleAccess("jdoe", console.baseUrl());

    final Approval approval = blocks.awaitApproval(request);
    assertThat(approval.approvers()).containsExactly("anna");
    assertThat(approval.subject()).isEqualTo("ops access to ops-console for Jane Doe (jdoe)");
    assertThat(blocks.state(request)).isEqualTo(AWAITING_APPROVAL);
    blocks.decide(approval, "anna", true, null);

    records.awaitCompleted(request.instance());
    assertThat(records.passed(request.instance(), "accessGranted", "ELEMENT_COMPLETED")).isTrue();
    assertThat(records.passed(request.instance(), "createByHand", "ELEMENT_ACTIVATED")).isFalse();
    assertThat(blocks.outcome(request, "ownerApproval")).containsEntry("decision", "approved");
    assertThat(console.createdUsers())
        .anySatisfy(
            user ->
                assertThat(user)
                    .containsEntry("login", "jdoe")
                    .containsEntry("email", "jane.doe@example.test")
                    .containsEntry("role", "ops"));
    assertThat(blocks.awaitStates(request, AWAITING_APPROVAL, IN_FULFILMENT, FULFILLED))
        .endsWith(FULFILLED);
    assertThat(blocks.comments(request)).contains("Account jdoe can use ops-console now.");
  }

  @Test
  void whenTheRobotFailsTheServiceDeskCreatesTheAccountByHand() {
    // A console that does not answer: the robot's first step fails.
    final Ordered request = orderConsoleAccess("rroe", console.baseUrl() + "/no-such-console");
    blocks.decide(blocks.awaitApproval(request), "anna", true, null);

    final UserTask byHand = awaitTask(client, request.instance(), "createByHand");
    assertThat(byHand.getCandidateGroups()).containsExactly("service-desk");
    assertThat(records.passed(request.instance(), "robotFailed", "ELEMENT_COMPLETED")).isTrue();
    assertThat(records.variable(request.instance(), "errorMessage")).isNotBlank();
    assertThat(blocks.states(request)).containsExactly(AWAITING_APPROVAL, IN_FULFILMENT);
    complete(client, byHand, Map.of());

    records.awaitCompleted(request.instance());
    assertThat(records.passed(request.instance(), "accessGranted", "ELEMENT_COMPLETED")).isTrue();
    assertThat(blocks.awaitStates(request, AWAITING_APPROVAL, IN_FULFILMENT, FULFILLED))
        .endsWith(FULFILLED);
  }

  @Test
  void theOwnersRejectionRejectsTheRequestAndNobodyCreatesAnAccount() {
    final Ordered request = orderConsoleAccess("nobody", console.baseUrl());

    blocks.decide(blocks.awaitApproval(request), "anna", false, "Not on call");

    records.awaitCompleted(request.instance());
    assertThat(records.passed(request.instance(), "accessRejected", "ELEMENT_COMPLETED")).isTrue();
    assertThat(console.createdUsers())
        .noneSatisfy(u -> assertThat(u).containsEntry("login", "nobody"));
    assertThat(blocks.outcome(request, "ownerApproval")).containsEntry("decision", "rejected");
    assertThat(blocks.awaitStates(request, AWAITING_APPROVAL, REJECTED)).endsWith(REJECTED);
    assertThat(
            blocks.awaitMail("alice@example.test", request.number(), "Software access: rejected"))
        .contains("was rejected");
  }

  @ParameterizedTest
  @CsvSource({
    "crm, anna",
    "network-monitoring, nils",
    // Not in the decision table: the service desk owns it.
    "payroll, dan",
  })
  void anApplicationWithoutARobotGoesToTheServiceDeskAfterItsOwnersApproval(
      final String application, final String owner) {
    final Map<String, Object> answers = new HashMap<>(answers("mnet", console.baseUrl()));
    answers.put("application", application);
    final Ordered request =
        blocks.order("software-access", "Software access", "bob", "bob", answers);

    final Approval approval = blocks.awaitApproval(request);
    assertThat(approval.approvers()).containsExactly(owner);
    blocks.decide(approval, owner, true, null);

    final UserTask byHand = awaitTask(client, request.instance(), "createByHand");
    assertThat(records.passed(request.instance(), "createAccount", "ELEMENT_ACTIVATED")).isFalse();
    complete(client, byHand, Map.of());
    assertThat(blocks.awaitStates(request, AWAITING_APPROVAL, IN_FULFILMENT, FULFILLED))
        .endsWith(FULFILLED);
    assertThat(blocks.comments(request)).contains("Account mnet can use " + application + " now.");
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

  private Ordered orderConsoleAccess(final String login, final String url) {
    return blocks.order(
        "software-access", "Software access", "alice", "alice", answers(login, url));
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
