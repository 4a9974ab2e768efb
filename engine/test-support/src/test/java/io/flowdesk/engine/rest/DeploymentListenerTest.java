package io.flowdesk.engine.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.camunda.client.CamundaClient;
import io.camunda.client.CredentialsProvider;
import io.camunda.client.api.command.ClientStatusException;
import io.camunda.client.api.response.DeploymentEvent;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.flowdesk.engine.Engine;
import io.flowdesk.engine.EngineBootstrap;
import io.flowdesk.engine.EngineProperties;
import io.flowdesk.engine.access.ApiClient;
import io.flowdesk.engine.access.ApiCredentials;
import io.flowdesk.engine.deployment.DeploymentListener;
import io.flowdesk.engine.deployment.DeploymentListener.Deleted;
import io.flowdesk.engine.deployment.DeploymentListener.Deployed;
import io.flowdesk.engine.deployment.DeploymentListener.Kind;
import io.flowdesk.engine.support.EngineClock;
import io.flowdesk.engine.test.ClientProtocol;
import io.flowdesk.engine.test.FlowdeskEngineExtension;
import io.flowdesk.engine.test.SharedPostgres;
import io.grpc.Status;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Deployment listeners hear of every deployment and deletion with the client that asked, over gRPC
 * and REST alike, inside the engine's transaction: a refused deployment reaches none, and a
 * listener that fails undoes the deployment.
 */
// The failure the test's listener bean throws is set by each test in this static field, which the
// bean (created by Spring, not by the test) reads; it is cleared before each test.
@SuppressWarnings("StaticAssignmentOfThrowable")
class DeploymentListenerTest {

  private static final List<Deployed> DEPLOYED = new CopyOnWriteArrayList<>();
  private static final List<Deleted> DELETED = new CopyOnWriteArrayList<>();
  private static volatile RuntimeException failure;

  private static HikariDataSource dataSource;
  private static Engine engine;
  private static CamundaClient modeler;

  @BeforeAll
  static void start() {
    dataSource = new HikariDataSource();
    dataSource.setJdbcUrl(SharedPostgres.newDatabase());
    dataSource.setUsername(SharedPostgres.user());
    dataSource.setMaximumPoolSize(10);
    engine =
        EngineBootstrap.start(
            dataSource,
            EngineProperties.loopback().withCredentials(ApiCredentials.basic("modeler", "pw")),
            new EngineClock(),
            List.of(
                new DeploymentListener() {
                  @Override
                  public void deployed(final Deployed deployment) {
                    if (failure != null) {
                      throw failure;
                    }
                    DEPLOYED.add(deployment);
                  }

                  @Override
                  public void deleted(final Deleted deletion) {
                    DELETED.add(deletion);
                  }
                }));
    modeler =
        CamundaClient.newClientBuilder()
            .grpcAddress(URI.create("http://127.0.0.1:" + engine.gatewayPort()))
            .restAddress(engine.restAddress().orElseThrow())
            .preferRestOverGrpc(false)
            .credentialsProvider(
                CredentialsProvider.newBasicAuthCredentialsProviderBuilder()
                    .username("modeler")
                    .password("pw")
                    .build())
            .defaultRequestTimeout(Duration.ofSeconds(30))
            .build();
  }

  @AfterAll
  static void stop() {
    modeler.close();
    engine.close();
    dataSource.close();
  }

  @BeforeEach
  void forgetEarlierEvents() {
    DEPLOYED.clear();
    DELETED.clear();
    failure = null;
  }

  private static String processId() {
    return "listened" + UUID.randomUUID().toString().replace("-", "");
  }

  private static byte[] bpmn(final String id) {
    return Bpmn.convertToString(Bpmn.createExecutableProcess(id).startEvent().endEvent().done())
        .getBytes(StandardCharsets.UTF_8);
  }

  private static Http.Answer deployOverRest(final String name, final byte[] content) {
    return new Http(engine.restAddress().orElseThrow())
        .header(
            "Authorization",
            "Basic "
                + Base64.getEncoder().encodeToString("modeler:pw".getBytes(StandardCharsets.UTF_8)))
        .multipart("/v2/deployments", "resources", Map.of(name, content), Map.of());
  }

  @Test
  void aDeploymentOverGrpcIsHeardWithItsClientAndVersions() {
    final String id = processId();

    final DeploymentEvent deployed =
        modeler.newDeployResourceCommand().addResourceBytes(bpmn(id), "order.bpmn").send().join();

    assertThat(DEPLOYED).hasSize(1);
    final Deployed heard = DEPLOYED.get(0);
    assertThat(heard.deploymentKey()).isEqualTo(deployed.getKey());
    assertThat(heard.caller().name()).isEqualTo("modeler");
    assertThat(heard.caller().kind()).isEqualTo(ApiClient.Kind.BASIC);
    assertThat(heard.unchanged()).isFalse();
    assertThat(heard.resources())
        .containsExactly(
            new DeploymentListener.Resource(
                Kind.PROCESS,
                id,
                1,
                deployed.getProcesses().get(0).getProcessDefinitionKey(),
                "order.bpmn",
                false));
  }

  @Test
  void anUnchangedRedeployOverRestIsHeardAsADuplicateOfTheSameVersion() {
    final byte[] diagram = bpmn(processId());
    assertThat(deployOverRest("first.bpmn", diagram).status()).isEqualTo(200);

    final Http.Answer again = deployOverRest("first.bpmn", diagram);

    assertThat(again.status()).as(again.body()).isEqualTo(200);
    assertThat(DEPLOYED).hasSize(2);
    final Deployed redeploy = DEPLOYED.get(1);
    assertThat(redeploy.caller().name()).isEqualTo("modeler");
    assertThat(redeploy.unchanged()).isTrue();
    assertThat(redeploy.resources())
        .singleElement()
        .satisfies(
            resource -> {
              assertThat(resource.id()).isEqualTo(DEPLOYED.get(0).resources().get(0).id());
              assertThat(resource.version()).isEqualTo(1);
              assertThat(resource.duplicate()).isTrue();
              assertThat(resource.key()).isEqualTo(DEPLOYED.get(0).resources().get(0).key());
            });
  }

  @Test
  void theEnginesOwnClientIsNamedAsSuchAndDecisionsAndFormsAreListed() {
    final String formId = "form" + UUID.randomUUID().toString().replace("-", "");
    final String form = "{\"id\": \"" + formId + "\", \"type\": \"default\", \"components\": []}";

    try (CamundaClient own = FlowdeskEngineExtension.client(engine, ClientProtocol.REST)) {
      own.newDeployResourceCommand()
          .addResourceFromClasspath("dmn/priority.dmn")
          .addResourceStringUtf8(form, "request.form")
          .send()
          .join();
    }

    assertThat(DEPLOYED).hasSize(1);
    assertThat(DEPLOYED.get(0).caller().name()).isEqualTo("flowdesk");
    assertThat(DEPLOYED.get(0).caller().kind()).isEqualTo(ApiClient.Kind.OWN);
    assertThat(DEPLOYED.get(0).resources())
        .extracting(r -> r.kind() + " " + r.id() + " " + r.version() + " " + r.resourceName())
        .containsExactly(
            "DECISION_REQUIREMENTS incident-triage 1 dmn/priority.dmn",
            "DECISION priority 1 dmn/priority.dmn",
            "DECISION assignmentGroup 1 dmn/priority.dmn",
            "FORM " + formId + " 1 request.form");
  }

  @Test
  void aRefusedDeploymentIsHeardByNoListener() {
    final Http.Answer refused =
        deployOverRest("broken.bpmn", "<definitions>not bpmn".getBytes(StandardCharsets.UTF_8));

    assertThat(refused.status()).isEqualTo(400);
    assertThat(DEPLOYED).isEmpty();
  }

  @Test
  void aListenerThatFailsUndoesTheDeployment() {
    final String id = processId();
    failure = new IllegalStateException("audit trail unavailable");

    assertThatThrownBy(
            () ->
                modeler
                    .newDeployResourceCommand()
                    .addResourceBytes(bpmn(id), "order.bpmn")
                    .send()
                    .join())
        .isInstanceOfSatisfying(
            ClientStatusException.class,
            e -> assertThat(e.getStatusCode()).isEqualTo(Status.Code.INTERNAL));
    failure = null;
    final DeploymentEvent retried =
        modeler.newDeployResourceCommand().addResourceBytes(bpmn(id), "order.bpmn").send().join();

    assertThat(retried.getProcesses().get(0).getVersion()).isEqualTo(1);
    assertThat(DEPLOYED).singleElement().satisfies(d -> assertThat(d.unchanged()).isFalse());
  }

  @Test
  void aDeletionIsHeardWithTheDeletedVersionAndItsClient() {
    final String id = processId();
    final long key =
        modeler
            .newDeployResourceCommand()
            .addResourceBytes(bpmn(id), "order.bpmn")
            .send()
            .join()
            .getProcesses()
            .get(0)
            .getProcessDefinitionKey();

    modeler.newDeleteResourceCommand(key).useGrpc().send().join();

    assertThat(DELETED)
        .containsExactly(new Deleted(Kind.PROCESS, id, 1, key, DEPLOYED.get(0).caller()));
  }
}
