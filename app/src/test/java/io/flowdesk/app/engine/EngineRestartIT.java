package io.flowdesk.app.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.flowdesk.app.database.ServerProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The engine after a crash: instances waiting on a timer, a message, a job and a user task when the
 * JVM is killed ({@code kill -9}) all go on after the next start; the timer that fell due while the
 * server was down fires once.
 */
class EngineRestartIT {

  @TempDir Path workDir;

  private static void deploy(
      final CamundaClient client, final BpmnModelInstance model, final String id) {
    client.newDeployResourceCommand().addProcessModel(model, id + ".bpmn").send().join();
  }

  private static long start(
      final CamundaClient client, final String id, final Map<String, Object> vars) {
    return client
        .newCreateInstanceCommand()
        .bpmnProcessId(id)
        .latestVersion()
        .variables(vars)
        .send()
        .join()
        .getProcessInstanceKey();
  }

  // The jar's engine serves clients other than its own only with credentials.
  private static final String ENGINE_TOKEN = "restart-it-" + UUID.randomUUID();

  @Test
  void instancesWaitingOnTimersMessagesJobsAndUserTasksSurviveAKilledServer() throws Exception {
    final Path dataDir = workDir.resolve("data");
    final int grpcPort = ServerProcess.freePort();
    final int databasePort = ServerProcess.freePort();
    final List<String> arguments =
        List.of(
            "--flowdesk.engine.grpc-port=" + grpcPort,
            "--flowdesk.engine.credentials.token=" + ENGINE_TOKEN,
            "--flowdesk.db.embedded-port=" + databasePort);
    final long timer;
    final long message;
    final long job;
    final long userTask;
    try (ServerProcess first = ServerProcess.start(dataDir, arguments);
        CamundaClient client = ServerProcess.engineClient(grpcPort, ENGINE_TOKEN)) {
      deploy(
          client,
          Bpmn.createExecutableProcess("restartTimer")
              .startEvent()
              .intermediateCatchEvent("wait", e -> e.timerWithDuration("PT3S"))
              .endEvent()
              .done(),
          "restartTimer");
      deploy(
          client,
          Bpmn.createExecutableProcess("restartMessage")
              .startEvent()
              .intermediateCatchEvent(
                  "paid",
                  e ->
                      e.message(m -> m.name("restart-paid").zeebeCorrelationKeyExpression("order")))
              .endEvent()
              .done(),
          "restartMessage");
      deploy(
          client,
          Bpmn.createExecutableProcess("restartJob")
              .startEvent()
              .serviceTask("work", t -> t.zeebeJobType("restart-work"))
              .endEvent()
              .done(),
          "restartJob");
      deploy(
          client,
          Bpmn.createExecutableProcess("restartUserTask")
              .startEvent()
              .userTask("approve", u -> u.zeebeUserTask().zeebeAssignee("ann"))
              .endEvent()
              .done(),
          "restartUserTask");
      timer = start(client, "restartTimer", Map.of());
      message = start(client, "restartMessage", Map.of("order", "o-1"));
      job = start(client, "restartJob", Map.of());
      userTask = start(client, "restartUserTask", Map.of());
      first.crash();
    }
    Thread.sleep(4_000); // the timer falls due while nothing runs

    try (ServerProcess second = ServerProcess.start(dataDir, arguments);
        CamundaClient client = ServerProcess.engineClient(grpcPort, ENGINE_TOKEN)) {
      final JdbcClient jdbc =
          JdbcClient.create(
              new DriverManagerDataSource(
                  "jdbc:postgresql://localhost:" + databasePort + "/flowdesk",
                  "postgres",
                  "postgres"));
      await().atMost(Duration.ofSeconds(30)).until(() -> state(jdbc, timer).equals("COMPLETED"));
      assertThat(
              jdbc.sql(
                      "SELECT count(*) FROM engine.record WHERE process_instance_key = ?"
                          + " AND value_type = 'TIMER' AND intent = 'TRIGGERED'")
                  .param(timer)
                  .query(Long.class)
                  .single())
          .as("the overdue timer fired once")
          .isEqualTo(1);

      client
          .newPublishMessageCommand()
          .messageName("restart-paid")
          .correlationKey("o-1")
          .send()
          .join();
      await().atMost(Duration.ofSeconds(30)).until(() -> state(jdbc, message).equals("COMPLETED"));

      final List<ActivatedJob> jobs =
          client
              .newActivateJobsCommand()
              .jobType("restart-work")
              .maxJobsToActivate(5)
              .requestTimeout(Duration.ofSeconds(5))
              .send()
              .join()
              .getJobs();
      assertThat(jobs).hasSize(1);
      client.newCompleteCommand(jobs.get(0).getKey()).send().join();
      await().atMost(Duration.ofSeconds(30)).until(() -> state(jdbc, job).equals("COMPLETED"));

      assertThat(
              jdbc.sql(
                      "SELECT assignee FROM engine.user_task WHERE process_instance_key = ?"
                          + " AND state = 'CREATED'")
                  .param(userTask)
                  .query(String.class)
                  .list())
          .containsExactly("ann");
      assertThat(state(jdbc, userTask)).isEqualTo("ACTIVE");
      second.interrupt();
    }
  }

  private static String state(final JdbcClient jdbc, final long processInstanceKey) {
    return jdbc.sql("SELECT state FROM engine.process_instance WHERE key = ?")
        .param(processInstanceKey)
        .query(String.class)
        .single();
  }
}
