package io.flowdesk.engine.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.flowdesk.engine.Engine;
import io.flowdesk.engine.EngineBootstrap;
import io.flowdesk.engine.EngineProperties;
import io.flowdesk.engine.support.EngineClock;
import io.flowdesk.engine.test.ClientProtocol;
import io.flowdesk.engine.test.FlowdeskEngineExtension;
import io.flowdesk.engine.test.SharedPostgres;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Two engines on one database, as two nodes would run: a thousand jobs handed out through both
 * engines at once, one client using REST and the other gRPC, none twice, none lost, every instance
 * completed.
 */
class TwoEnginesOneDatabaseTest {

  private static final int INSTANCES = 1_000;

  @Test
  void jobsAreHandedOutExactlyOnceAcrossEnginesAndEveryInstanceCompletes() throws Exception {
    try (HikariDataSource dataSource = dataSource();
        Engine first = start(dataSource);
        Engine second = start(dataSource);
        CamundaClient firstClient = FlowdeskEngineExtension.client(first, ClientProtocol.REST);
        CamundaClient secondClient = FlowdeskEngineExtension.client(second, ClientProtocol.GRPC)) {
      firstClient
          .newDeployResourceCommand()
          .addProcessModel(
              Bpmn.createExecutableProcess("twoNodes")
                  .startEvent()
                  .serviceTask("work", t -> t.zeebeJobType("two-nodes"))
                  .endEvent()
                  .done(),
              "twoNodes.bpmn")
          .send()
          .join();
      final List<CompletableFuture<?>> creations = new ArrayList<>();
      for (int i = 0; i < INSTANCES; i++) {
        final CamundaClient client = i % 2 == 0 ? firstClient : secondClient;
        creations.add(
            client
                .newCreateInstanceCommand()
                .bpmnProcessId("twoNodes")
                .latestVersion()
                .send()
                .toCompletableFuture());
      }
      CompletableFuture.allOf(creations.toArray(CompletableFuture[]::new)).join();

      final Set<Long> seen = ConcurrentHashMap.newKeySet();
      final AtomicInteger duplicates = new AtomicInteger();
      final List<CompletableFuture<Void>> workers = new ArrayList<>();
      for (final CamundaClient client :
          List.of(firstClient, secondClient, firstClient, secondClient)) {
        workers.add(CompletableFuture.runAsync(() -> work(client, seen, duplicates)));
      }
      CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new)).join();

      assertThat(duplicates).hasValue(0);
      assertThat(seen).hasSize(INSTANCES);
      try (var connection = dataSource.getConnection();
          var statement = connection.createStatement();
          var result =
              statement.executeQuery(
                  "SELECT count(*) FILTER (WHERE state = 'COMPLETED'), count(*) FROM engine.process_instance")) {
        result.next();
        assertThat(result.getLong(1)).isEqualTo(INSTANCES);
        assertThat(result.getLong(2)).isEqualTo(INSTANCES);
      }
    }
  }

  private static void work(
      final CamundaClient client, final Set<Long> seen, final AtomicInteger duplicates) {
    List<ActivatedJob> jobs;
    do {
      jobs =
          client
              .newActivateJobsCommand()
              .jobType("two-nodes")
              .maxJobsToActivate(25)
              .timeout(Duration.ofMinutes(5))
              .requestTimeout(Duration.ofMillis(300))
              .send()
              .join()
              .getJobs();
      for (final ActivatedJob job : jobs) {
        if (!seen.add(job.getKey())) {
          duplicates.incrementAndGet();
        }
        client.newCompleteCommand(job.getKey()).send().join();
      }
    } while (!jobs.isEmpty());
  }

  private static HikariDataSource dataSource() {
    final HikariDataSource dataSource = new HikariDataSource();
    dataSource.setJdbcUrl(SharedPostgres.newDatabase());
    dataSource.setUsername(SharedPostgres.user());
    dataSource.setMaximumPoolSize(30);
    return dataSource;
  }

  private static Engine start(final HikariDataSource dataSource) {
    return EngineBootstrap.start(dataSource, EngineProperties.loopback(), new EngineClock());
  }
}
