package io.flowdesk.app.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.response.UserTask;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.flowdesk.app.database.ServerProcess;
import io.flowdesk.domain.incident.Attachment;
import io.flowdesk.domain.incident.ChangeSource;
import io.flowdesk.domain.incident.Incident;
import io.flowdesk.domain.incident.IncidentRecords;
import io.flowdesk.domain.incident.Level;
import io.flowdesk.domain.incident.NewIncident;
import io.flowdesk.domain.secret.SecretBinding;
import io.flowdesk.domain.secret.SecretKey;
import io.flowdesk.domain.secret.SecretStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 23's acceptance: a running server with instances waiting on a timer, a message, a job and a
 * user task, an incident with an attachment and a stored secret is backed up with the packaged
 * command while it runs, restored into a fresh data directory, and started there: every instance
 * goes on, the records and the attachment are intact and the secret still decrypts.
 *
 * <p>Slow on a shared machine (two server starts, a timer of {@link #TIMER}): server starts wait
 * {@code -Dflowdesk.it.start-minutes} (see {@link ServerProcess}), every other wait is an
 * Awaitility condition, never a sleep.
 */
class BackupRestoreIT {

  // The jar's engine serves clients other than its own only with credentials.
  private static final String ENGINE_TOKEN = "backup-it-" + UUID.randomUUID();
  // Long enough that the timer still waits when even a slow backup has ended (checked below, with
  // how long the backup took); not longer, because the test waits for it after the restore.
  private static final Duration TIMER = Duration.ofMinutes(4);
  // How late a due timer may fire on a busy machine, and how long other engine work may take.
  private static final Duration ENGINE_PATIENCE = Duration.ofMinutes(2);
  // A PNG signature and a few bytes: binary content that must come back byte for byte.
  private static final byte[] SCREENSHOT = {
    (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, (byte) 0xff, 7
  };
  private static final URI SECRET_DESTINATION = URI.create("https://api.example.com/tickets");
  // Generous: on a build machine shared by several builds one command can wait seconds for a core.
  private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(1);

  @TempDir Path workDir;

  @Test
  void aBackupOfARunningServerRestoredIntoAFreshDirectoryGoesOnWhereItWas() throws Exception {
    final Path original = workDir.resolve("original");
    final Path restored = workDir.resolve("restored");
    final Path backupFile = workDir.resolve("backups").resolve("flowdesk.zip");
    final int grpcPort = ServerProcess.freePort();
    final int databasePort = ServerProcess.freePort();
    final List<String> arguments =
        List.of(
            "--flowdesk.engine.grpc-port=" + grpcPort,
            "--flowdesk.engine.credentials.token=" + ENGINE_TOKEN,
            "--flowdesk.db.embedded-port=" + databasePort,
            "--flowdesk.security.mfa.required-roles=",
            // What this test does not need, so that a server starts quicker on a busy machine.
            "--flowdesk.deployment.packaged-resources=false",
            "--flowdesk.mail.local-server=false");
    final Waiting waiting;
    final String incidentNumber;
    try (ServerProcess server = ServerProcess.start(original, arguments);
        CamundaClient client = ServerProcess.engineClient(grpcPort, ENGINE_TOKEN)) {
      final DataSource database = ServerProcess.database(databasePort);
      incidentNumber = incidentWithAttachment(new IncidentRecords(database));
      new SecretStore(database, SecretKey.fromFile(original.resolve("secrets.key")))
          .put(
              "ticketing.token",
              "s3cr3t-token".toCharArray(),
              SecretBinding.of(List.of("http"), List.of("https://api.example.com")));
      // Last before the backup, so that the timer's time goes to the backup alone.
      waiting = Waiting.start(client);

      final Command backup = flowdesk("backup", backupFile.toString(), "--data-dir=" + original);
      assertThat(backup.exitCode()).as(backup.output()).isZero();
      assertThat(backup.output()).contains("Backed up", "holds the secrets key");
      assertThat(state(JdbcClient.create(database), waiting.timer()))
          .as(
              "the timer (%s) still waited when the backup ended, %s after it was set: otherwise"
                  + " this test cannot see it fire after the restore",
              TIMER, Duration.between(waiting.timerDue().minus(TIMER), Instant.now()))
          .isEqualTo("ACTIVE");
      server.interrupt();
    }
    // The restored server takes the same database port: the original's PostgreSQL must be gone,
    // and it removes its pid file last.
    await("the original server's PostgreSQL stopped")
        .atMost(ENGINE_PATIENCE)
        .until(() -> !Files.exists(original.resolve("postgres").resolve("postmaster.pid")));

    final Command restore = flowdesk("restore", backupFile.toString(), "--data-dir=" + restored);
    assertThat(restore.exitCode()).as(restore.output()).isZero();
    final Command again = flowdesk("restore", backupFile.toString(), "--data-dir=" + restored);
    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.output()).contains(restored + " already holds Flowdesk data", "--force");

    try (ServerProcess server = ServerProcess.start(restored, arguments);
        CamundaClient client =
            ServerProcess.engineClient(grpcPort, ENGINE_TOKEN, URI.create(server.baseUrl()))) {
      // The timer's deadline counts from here: due while nothing ran, it fires as the engine
      // starts; due later, when its time comes.
      final Instant restoredStart = Instant.now();
      final DataSource database = ServerProcess.database(databasePort);
      final JdbcClient jdbc = JdbcClient.create(database);
      assertThat(jdbc.sql("SHOW data_directory").query(String.class).single())
          .as("the restored server runs on the restored directory")
          .startsWith(restored.toString());

      client
          .newPublishMessageCommand()
          .messageName(Waiting.MESSAGE)
          .correlationKey(Waiting.CORRELATION_KEY)
          .requestTimeout(COMMAND_TIMEOUT)
          .send()
          .join();
      awaitCompleted(client, waiting.message(), "the instance waiting for the message");

      final ActivatedJob job =
          await("the waiting job can be taken")
              .atMost(ENGINE_PATIENCE)
              .until(
                  () ->
                      client
                          .newActivateJobsCommand()
                          .jobType(Waiting.JOB_TYPE)
                          .maxJobsToActivate(5)
                          .requestTimeout(Duration.ofSeconds(20))
                          .send()
                          .join()
                          .getJobs(),
                  jobs -> !jobs.isEmpty())
              .get(0);
      assertThat(job.getProcessInstanceKey()).isEqualTo(waiting.job());
      client.newCompleteCommand(job.getKey()).requestTimeout(COMMAND_TIMEOUT).send().join();
      awaitCompleted(client, waiting.job(), "the instance waiting on the job");

      final UserTask task =
          client
              .newUserTaskSearchRequest()
              .filter(f -> f.processInstanceKey(waiting.userTask()).state(UserTaskState.CREATED))
              .send()
              .join()
              .singleItem();
      assertThat(task.getAssignee()).isEqualTo("ann");
      client
          .newCompleteUserTaskCommand(task.getUserTaskKey())
          .requestTimeout(COMMAND_TIMEOUT)
          .send()
          .join();
      awaitCompleted(client, waiting.userTask(), "the instance waiting on the user task");

      final HttpResponse<String> record =
          getAsManager(server.baseUrl() + "/api/incidents/" + incidentNumber);
      assertThat(record.statusCode()).as(record.body()).isEqualTo(200);
      assertThat(record.body()).contains("Printer on floor 3 jams");
      final IncidentRecords incidents = new IncidentRecords(database);
      final Incident incident = incidents.findByNumber(incidentNumber).orElseThrow();
      final List<Attachment> attachments = incidents.attachments(incident.id());
      assertThat(attachments).extracting(Attachment::fileName).containsExactly("jam.png");
      assertThat(incidents.attachmentContent(incident.id(), attachments.get(0).id()))
          .hasValue(SCREENSHOT);

      assertThat(
              new SecretStore(database, SecretKey.fromFile(restored.resolve("secrets.key")))
                  .resolve("ticketing.token", "http", SECRET_DESTINATION))
          .containsExactly("s3cr3t-token".toCharArray());

      final Instant fireBy =
          (waiting.timerDue().isAfter(restoredStart) ? waiting.timerDue() : restoredStart)
              .plus(ENGINE_PATIENCE);
      final Duration left = Duration.between(Instant.now(), fireBy);
      await("the timer due " + waiting.timerDue() + " fires by " + fireBy)
          .atMost(left.isNegative() || left.isZero() ? Duration.ofSeconds(1) : left)
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> state(jdbc, waiting.timer()).equals("COMPLETED"));
      assertThat(
              jdbc.sql(
                      "SELECT count(*) FROM engine.record WHERE process_instance_key = ?"
                          + " AND value_type = 'TIMER' AND intent = 'TRIGGERED'")
                  .param(waiting.timer())
                  .query(Long.class)
                  .single())
          .as("the timer fired once")
          .isEqualTo(1);
      server.interrupt();
    }
  }

  /**
   * One instance waiting on each kind of wait: a timer, a message, a job and a user task.
   *
   * @param timerDue the latest the timer can be due (its instance was created before this minus
   *     {@link #TIMER})
   */
  private record Waiting(long timer, long message, long job, long userTask, Instant timerDue) {

    static final String MESSAGE = "backup-paid";
    static final String CORRELATION_KEY = "order-7";
    static final String JOB_TYPE = "backup-work";

    static Waiting start(final CamundaClient client) {
      deploy(
          client,
          Bpmn.createExecutableProcess("backupMessage")
              .startEvent()
              .intermediateCatchEvent(
                  "paid",
                  e -> e.message(m -> m.name(MESSAGE).zeebeCorrelationKeyExpression("order")))
              .endEvent()
              .done());
      deploy(
          client,
          Bpmn.createExecutableProcess("backupJob")
              .startEvent()
              .serviceTask("work", t -> t.zeebeJobType(JOB_TYPE))
              .endEvent()
              .done());
      deploy(
          client,
          Bpmn.createExecutableProcess("backupUserTask")
              .startEvent()
              .userTask("approve", u -> u.zeebeUserTask().zeebeAssignee("ann"))
              .endEvent()
              .done());
      deploy(
          client,
          Bpmn.createExecutableProcess("backupTimer")
              .startEvent()
              .intermediateCatchEvent("wait", e -> e.timerWithDuration(TIMER.toString()))
              .endEvent()
              .done());
      final long message = create(client, "backupMessage", Map.of("order", CORRELATION_KEY));
      final long job = create(client, "backupJob", Map.of());
      final long userTask = create(client, "backupUserTask", Map.of());
      final long timer = create(client, "backupTimer", Map.of());
      return new Waiting(timer, message, job, userTask, Instant.now().plus(TIMER));
    }
  }

  private static String incidentWithAttachment(final IncidentRecords incidents) {
    final Incident incident =
        incidents.report(
            new NewIncident(
                "alice", "Printer on floor 3 jams", null, null, null, Level.LOW, Level.LOW),
            ChangeSource.person("alice"));
    incidents.attach(
        incident.id(),
        "jam.png",
        "image/png",
        new ByteArrayInputStream(SCREENSHOT),
        ChangeSource.person("alice"));
    return incident.number();
  }

  private static void awaitCompleted(
      final CamundaClient client, final long processInstanceKey, final String what) {
    await(what + " completes")
        .atMost(ENGINE_PATIENCE)
        .until(
            () ->
                client
                    .newProcessInstanceGetRequest(processInstanceKey)
                    .requestTimeout(COMMAND_TIMEOUT)
                    .send()
                    .join()
                    .getState(),
            ProcessInstanceState.COMPLETED::equals);
  }

  private record Command(int exitCode, String output) {}

  /** The packaged jar's command, as {@code ./flowdesk backup|restore} runs it. */
  private static Command flowdesk(final String... arguments)
      throws IOException, InterruptedException {
    final List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                System.getProperty("flowdesk.jar")));
    command.addAll(List.of(arguments));
    final ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().keySet().removeIf(name -> name.startsWith("FLOWDESK_"));
    final long started = System.nanoTime();
    final Process process = builder.start();
    final String output =
        new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IllegalStateException("flowdesk " + arguments[0] + " did not end: " + output);
    }
    // In the test's report: how long each command took on this machine, and what it said.
    System.out.printf(
        "flowdesk %s: exit %d after %d s%n%s%n",
        arguments[0],
        process.exitValue(),
        TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started),
        output);
    return new Command(process.exitValue(), output);
  }

  /** As the demo manager, who may read every incident. */
  private static HttpResponse<String> getAsManager(final String url)
      throws IOException, InterruptedException {
    final String credentials =
        Base64.getEncoder()
            .encodeToString("manager.maria:demo-flowdesk-2025".getBytes(StandardCharsets.UTF_8));
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Basic " + credentials)
                .header("Accept", "application/json")
                .timeout(COMMAND_TIMEOUT)
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  private static void deploy(final CamundaClient client, final BpmnModelInstance model) {
    final String id =
        model
            .getModelElementsByType(io.camunda.zeebe.model.bpmn.instance.Process.class)
            .iterator()
            .next()
            .getId();
    client
        .newDeployResourceCommand()
        .addProcessModel(model, id + ".bpmn")
        .requestTimeout(COMMAND_TIMEOUT)
        .send()
        .join();
  }

  private static long create(
      final CamundaClient client, final String id, final Map<String, Object> variables) {
    return client
        .newCreateInstanceCommand()
        .bpmnProcessId(id)
        .latestVersion()
        .variables(variables)
        .requestTimeout(COMMAND_TIMEOUT)
        .send()
        .join()
        .getProcessInstanceKey();
  }

  private static String state(final JdbcClient jdbc, final long processInstanceKey) {
    return jdbc.sql("SELECT state FROM engine.process_instance WHERE key = ?")
        .param(processInstanceKey)
        .query(String.class)
        .single();
  }
}
