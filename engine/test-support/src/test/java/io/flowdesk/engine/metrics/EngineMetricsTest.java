package io.flowdesk.engine.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.camunda.client.CamundaClient;
import io.camunda.client.CredentialsProvider;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.flowdesk.engine.Engine;
import io.flowdesk.engine.EngineBootstrap;
import io.flowdesk.engine.EngineProperties;
import io.flowdesk.engine.access.ApiCredentials;
import io.flowdesk.engine.support.EngineClock;
import io.flowdesk.engine.test.SharedPostgres;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The engine tells its {@link EngineMetrics} hook of its work as it commits: API calls by method,
 * instances created, messages correlated, timers fired with their lateness, jobs activated and
 * failed; and counts its open incidents.
 */
class EngineMetricsTest {

  private static final List<String> TOLD = new CopyOnWriteArrayList<>();

  private static HikariDataSource dataSource;
  private static Engine engine;
  private static CamundaClient client;

  @BeforeAll
  static void start() {
    dataSource = new HikariDataSource();
    dataSource.setJdbcUrl(SharedPostgres.newDatabase());
    dataSource.setUsername(SharedPostgres.user());
    dataSource.setMaximumPoolSize(10);
    engine =
        EngineBootstrap.start(
            dataSource,
            EngineProperties.loopback().withCredentials(ApiCredentials.basic("ops", "pw")),
            new EngineClock(),
            List.of(),
            new EngineMetrics() {
              @Override
              public void commandReceived(final String api, final String command) {
                TOLD.add(api + " " + command);
              }

              @Override
              public void processInstanceCreated(final String bpmnProcessId) {
                TOLD.add("created " + bpmnProcessId);
              }

              @Override
              public void processInstanceCompleted(final String bpmnProcessId) {
                TOLD.add("completed " + bpmnProcessId);
              }

              @Override
              public void jobActivated(final String jobType) {
                TOLD.add("activated " + jobType);
              }

              @Override
              public void jobFailed(final String jobType) {
                TOLD.add("failed " + jobType);
              }

              @Override
              public void timerTriggered(final Duration lateness) {
                TOLD.add(lateness.isNegative() ? "negative lateness" : "timer");
              }

              @Override
              public void messageCorrelated(final String messageName) {
                TOLD.add("correlated " + messageName);
              }
            });
    client =
        CamundaClient.newClientBuilder()
            .grpcAddress(URI.create("http://127.0.0.1:" + engine.gatewayPort()))
            .restAddress(engine.restAddress().orElseThrow())
            .preferRestOverGrpc(false)
            .credentialsProvider(
                CredentialsProvider.newBasicAuthCredentialsProviderBuilder()
                    .username("ops")
                    .password("pw")
                    .build())
            .defaultRequestTimeout(Duration.ofSeconds(30))
            .build();
  }

  @AfterAll
  static void stop() {
    client.close();
    engine.close();
    dataSource.close();
  }

  @Test
  void theHookHearsTheWorkOfAnInstanceAndTheEngineCountsItsOpenIncidents() {
    client
        .newDeployResourceCommand()
        .addProcessModel(
            Bpmn.createExecutableProcess("watched")
                .startEvent()
                .intermediateCatchEvent("go")
                .message(m -> m.name("go").zeebeCorrelationKey("=key"))
                .intermediateCatchEvent("wait")
                .timerWithDuration("PT0.2S")
                .serviceTask("work", task -> task.zeebeJobType("watched-work"))
                .endEvent()
                .done(),
            "watched.bpmn")
        .send()
        .join();
    assertThat(engine.openIncidents()).isZero();

    client
        .newCreateInstanceCommand()
        .bpmnProcessId("watched")
        .latestVersion()
        .variables(Map.of("key", "k1"))
        .send()
        .join();
    client.newPublishMessageCommand().messageName("go").correlationKey("k1").send().join();
    final ActivatedJob job =
        await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () ->
                    client
                        .newActivateJobsCommand()
                        .jobType("watched-work")
                        .maxJobsToActivate(1)
                        .send()
                        .join()
                        .getJobs(),
                jobs -> !jobs.isEmpty())
            .get(0);
    client.newFailCommand(job).retries(0).errorMessage("down").send().join();

    assertThat(engine.openIncidents()).isEqualTo(1);
    assertThat(TOLD)
        .contains(
            "grpc DeployResource",
            "grpc CreateProcessInstance",
            "grpc PublishMessage",
            "created watched",
            "correlated go",
            "timer",
            "activated watched-work",
            "failed watched-work")
        .doesNotContain("completed watched", "negative lateness");
  }
}
