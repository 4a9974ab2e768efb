package io.flowdesk.workers;

import static org.awaitility.Awaitility.await;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.flowdesk.domain.DomainSchema;
import io.flowdesk.domain.directory.Directory;
import io.flowdesk.domain.directory.NotificationPreferences;
import io.flowdesk.domain.directory.Recipients;
import io.flowdesk.domain.notification.NotificationTemplates;
import io.flowdesk.domain.secret.SecretKey;
import io.flowdesk.engine.test.SharedPostgres;
import io.flowdesk.workers.mail.EmailWorker;
import io.flowdesk.workers.notify.NotifyWorker;
import io.flowdesk.workers.notify.PersonNotifier;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Shared test fixtures: the domain database, a random secrets key, deploy and start. */
public final class WorkerTesting {

  private WorkerTesting() {}

  /** A fresh database on the shared test PostgreSQL with schema {@code domain} migrated. */
  public static DataSource domainDatabase() {
    final DriverManagerDataSource dataSource =
        new DriverManagerDataSource(
            SharedPostgres.newDatabase(), SharedPostgres.user(), SharedPostgres.password());
    DomainSchema.migrate(dataSource);
    return dataSource;
  }

  /** The portal address the notify worker's mails link to. */
  public static final String PORTAL_URL = "https://flowdesk.example.test";

  /** {@code flowdesk:notify} over the domain of {@code database}, mailing through {@code mail}. */
  public static NotifyWorker notifyWorker(
      final DataSource database, final EmailWorker mail, final Duration backoff) {
    final Recipients recipients =
        new Recipients(new Directory(database), new NotificationPreferences(database));
    return new NotifyWorker(
        new PersonNotifier(
            recipients,
            () -> Optional.of(mail),
            Optional::empty,
            Optional::empty,
            PORTAL_URL,
            new NotificationTemplates(database, Clock.systemUTC())),
        backoff);
  }

  /**
   * {@code flowdesk:notify} mailing through {@code mail} and posting chat notices to {@code chat}.
   */
  public static NotifyWorker notifyWorker(
      final DataSource database,
      final EmailWorker mail,
      final io.flowdesk.workers.chat.ChatNotices chat,
      final Duration backoff) {
    final Recipients recipients =
        new Recipients(new Directory(database), new NotificationPreferences(database));
    return new NotifyWorker(
        new PersonNotifier(
            recipients,
            () -> Optional.of(mail),
            Optional::empty,
            () -> Optional.of(chat),
            null,
            new NotificationTemplates(database, Clock.systemUTC())),
        backoff);
  }

  public static SecretKey randomKey() {
    final byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return SecretKey.fromBase64(Base64.getEncoder().encodeToString(key));
  }

  public static String processId() {
    return "p" + UUID.randomUUID().toString().replace("-", "");
  }

  public static void deploy(final CamundaClient client, final BpmnModelInstance process) {
    client.newDeployResourceCommand().addProcessModel(process, "test.bpmn").send().join();
  }

  /** A BPMN file of the repository's processes/ folder, as text. */
  public static String processFile(final String name) {
    try {
      return java.nio.file.Files.readString(
          java.nio.file.Path.of(System.getProperty("flowdesk.processes", "../processes"), name));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** A Camunda form of the repository's forms/ folder (next to processes/), as text. */
  public static String formFile(final String name) {
    final java.nio.file.Path processes =
        java.nio.file.Path.of(System.getProperty("flowdesk.processes", "../processes"));
    try {
      return java.nio.file.Files.readString(
          processes.toAbsolutePath().normalize().resolveSibling("forms").resolve(name));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Deploys BPMN text as {@code name}. */
  public static void deployXml(final CamundaClient client, final String name, final String xml) {
    client
        .newDeployResourceCommand()
        .addResourceString(xml, java.nio.charset.StandardCharsets.UTF_8, name)
        .send()
        .join();
  }

  public static long start(
      final CamundaClient client, final String processId, final Map<String, Object> variables) {
    return client
        .newCreateInstanceCommand()
        .bpmnProcessId(processId)
        .latestVersion()
        .variables(variables)
        .send()
        .join()
        .getProcessInstanceKey();
  }

  /** Activates one job of {@code type}, waiting until the engine has created it. */
  public static ActivatedJob activateOne(final CamundaClient client, final String type) {
    final ActivatedJob[] job = new ActivatedJob[1];
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> {
              final List<ActivatedJob> jobs =
                  client
                      .newActivateJobsCommand()
                      .jobType(type)
                      .maxJobsToActivate(1)
                      .timeout(Duration.ofMinutes(1))
                      .send()
                      .join()
                      .getJobs();
              job[0] = jobs.isEmpty() ? null : jobs.get(0);
              return job[0] != null;
            });
    return job[0];
  }
}
