package io.flowdesk.workers.mail;

import static io.flowdesk.workers.WorkerTesting.deploy;
import static io.flowdesk.workers.WorkerTesting.processId;
import static io.flowdesk.workers.WorkerTesting.start;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import io.camunda.client.CamundaClient;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.flowdesk.connectors.mail.MailSecurity;
import io.flowdesk.connectors.mail.MailSender;
import io.flowdesk.connectors.mail.MailSenderSettings;
import io.flowdesk.connectors.mail.MailServer;
import io.flowdesk.domain.delivery.Delivery;
import io.flowdesk.domain.delivery.DeliveryLog;
import io.flowdesk.domain.delivery.DeliveryStatus;
import io.flowdesk.domain.secret.SecretBinding;
import io.flowdesk.domain.secret.SecretStore;
import io.flowdesk.engine.test.EngineRecords;
import io.flowdesk.engine.test.FlowdeskEngineTest;
import io.flowdesk.workers.JobInputs;
import io.flowdesk.workers.TestWorker;
import io.flowdesk.workers.WorkerTesting;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

@FlowdeskEngineTest
class EmailWorkerTest {

  static final String DESK = "desk@flowdesk.test";

  @RegisterExtension
  static final GreenMailExtension GREEN_MAIL =
      new GreenMailExtension(
              new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort())
          .withConfiguration(GreenMailConfiguration.aConfig().withUser(DESK, DESK, "desk-pw"))
          .withPerMethodLifecycle(false);

  static DataSource dataSource;
  static SecretStore secrets;
  static DeliveryLog deliveries;

  CamundaClient client;
  EngineRecords records;
  static TestWorker running;

  @BeforeAll
  static void domain() {
    dataSource = WorkerTesting.domainDatabase();
    secrets = new SecretStore(dataSource, WorkerTesting.randomKey());
    final SecretBinding greenMail = smtpAt(GREEN_MAIL.getSmtp().getPort());
    secrets.put("smtp.password", "desk-pw".toCharArray(), greenMail);
    secrets.put("smtp.wrong-password", "not-the-password".toCharArray(), greenMail);
    deliveries = new DeliveryLog(dataSource);
  }

  @BeforeEach
  void emptyMailbox() throws Exception {
    GREEN_MAIL.purgeEmailFromAllMailboxes();
  }

  @BeforeEach
  void startWorker() {
    if (running == null) {
      running = new TestWorker(client, EmailWorker.TYPE);
    }
  }

  @AfterAll
  static void stopWorker() {
    running.close();
  }

  static SecretBinding smtpAt(final int... ports) {
    return SecretBinding.of(
        List.of(EmailWorker.CHANNEL),
        Arrays.stream(ports).mapToObj(port -> "smtp://localhost:" + port).toList());
  }

  EmailWorker worker(final int port, final String passwordSecret) {
    final MailServer server =
        MailServer.of("localhost", port, MailSecurity.NONE)
            .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5))
            .withCredentials(
                DESK,
                () ->
                    secrets.resolve(
                        passwordSecret,
                        EmailWorker.CHANNEL,
                        URI.create("smtp://localhost:" + port)));
    return new EmailWorker(
        new MailSender(new MailSenderSettings(server, DESK, "flowdesk.test")),
        deliveries,
        Duration.ofMillis(100));
  }

  EmailWorker worker(final String passwordSecret) {
    return worker(GREEN_MAIL.getSmtp().getPort(), passwordSecret);
  }

  void run(final EmailWorker worker) {
    running.use(worker::handle);
  }

  /** A process with the template's bindings and an error boundary for rejected mail. */
  static BpmnModelInstance notifyProcess(final String id) {
    return Bpmn.createExecutableProcess(id)
        .startEvent()
        .serviceTask(
            "notify",
            t ->
                t.zeebeJobType(EmailWorker.TYPE)
                    .zeebeJobRetries("2")
                    .zeebeInputExpression("recipient", "to")
                    .zeebeInputExpression("\"Disk full on \" + host", "subject")
                    .zeebeInputExpression("\"Please check \" + host + \".\"", "body")
                    .zeebeInputExpression("\"INC0001234\"", "recordToken")
                    .zeebeTaskHeader("resultVariable", "emailResult"))
        .boundaryEvent("rejected", b -> b.error("FLOWDESK_EMAIL_REJECTED"))
        .endEvent("notSent")
        .moveToActivity("notify")
        .boundaryEvent("secretMissing", b -> b.error("FLOWDESK_SECRET_MISSING"))
        .endEvent("noSecret")
        .moveToActivity("notify")
        .endEvent("sent")
        .done();
  }

  @Test
  void aJobSendsTheMailAndRecordsTheDeliveryAsSent() throws Exception {
    final String id = processId();
    deploy(client, notifyProcess(id));
    run(worker("smtp.password"));

    final long instance = start(client, id, Map.of("recipient", "ops@example.test", "host", "db1"));

    records.awaitCompleted(instance);
    final MimeMessage[] received = GREEN_MAIL.getReceivedMessages();
    assertThat(received).hasSize(1);
    assertThat(received[0].getSubject()).isEqualTo("[INC0001234] Disk full on db1");
    assertThat(received[0].getAllRecipients()[0].toString()).isEqualTo("ops@example.test");
    assertThat(records.variable(instance, "emailResult"))
        .contains(received[0].getMessageID())
        .contains("ops@example.test");
    assertThat(records.passed(instance, "sent", "ELEMENT_COMPLETED")).isTrue();
  }

  @Test
  void aRetriedJobWhoseMailWentOutDoesNotSendItAgain() throws Exception {
    final String id = processId();
    deploy(client, notifyProcess(id));
    final EmailWorker worker = worker("smtp.password");
    final AtomicLong firstJob = new AtomicLong();
    // The first attempt sends the mail, then fails as if the worker lost its connection.
    running.use(
        (jobClient, job) -> {
          if (firstJob.compareAndSet(0, job.getKey())) {
            worker.send(new JobInputs(job));
            jobClient
                .newFailCommand(job.getKey())
                .retries(job.getRetries() - 1)
                .retryBackoff(Duration.ZERO)
                .errorMessage("worker lost its connection before completing")
                .send()
                .join();
          } else {
            worker.handle(jobClient, job);
          }
        });

    final long instance = start(client, id, Map.of("recipient", "ops@example.test", "host", "db2"));

    records.awaitCompleted(instance);
    final MimeMessage[] received = GREEN_MAIL.getReceivedMessages();
    assertThat(received).hasSize(1);
    final Delivery delivery = deliveries.ofJob(firstJob.get()).get(0);
    assertThat(delivery.status()).isEqualTo(DeliveryStatus.SENT);
    assertThat(delivery.providerId()).isEqualTo(received[0].getMessageID());
    assertThat(delivery.attempts()).isEqualTo(1);
    assertThat(records.variable(instance, "emailResult")).contains(received[0].getMessageID());
  }

  @Test
  void rejectedCredentialsEndInTheErrorBoundaryAndTheDeliveryIsFailed() {
    final String id = processId();
    deploy(client, notifyProcess(id));
    run(worker("smtp.wrong-password"));

    final long instance =
        start(client, id, Map.of("recipient", "ops3@example.test", "host", "db3"));

    records.awaitCompleted(instance);
    assertThat(records.elements(instance, "ELEMENT_COMPLETED"))
        .contains("rejected", "notSent")
        .doesNotContain("sent");
    assertThat(records.variable(instance, "errorMessage")).contains("credentials");
    assertThat(GREEN_MAIL.getReceivedMessages()).isEmpty();
    assertThat(statusesOf("ops3@example.test")).containsExactly("FAILED");
  }

  @Test
  void aMissingSecretEndsInABpmnErrorNamingTheSecret() {
    final String id = processId();
    deploy(client, notifyProcess(id));
    run(worker("smtp.never-stored"));

    final long instance = start(client, id, Map.of("recipient", "ops@example.test", "host", "db4"));

    records.awaitCompleted(instance);
    assertThat(records.elements(instance, "ELEMENT_COMPLETED")).contains("noSecret");
    assertThat(records.variable(instance, "errorMessage")).contains("'smtp.never-stored'");
  }

  @Test
  void anUnreachableServerIsRetriedThenBecomesAnIncidentWithTheMessage() throws Exception {
    final int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    final String id = processId();
    deploy(client, notifyProcess(id));
    secrets.bind("smtp.password", smtpAt(GREEN_MAIL.getSmtp().getPort(), closedPort));
    run(worker(closedPort, "smtp.password"));

    final long instance = start(client, id, Map.of("recipient", "ops@example.test", "host", "db5"));

    final var incidents = records.awaitIncidents(instance);
    assertThat(incidents).hasSize(1);
    assertThat(incidents.get(0).errorMessage()).contains("localhost:" + closedPort);
    final Delivery delivery = deliveries.ofJob(incidents.get(0).jobKey()).get(0);
    assertThat(delivery.status()).isEqualTo(DeliveryStatus.FAILED);
    assertThat(delivery.attempts()).isEqualTo(2);
  }

  @Test
  void aMalformedRecipientIsAnInvalidInputError() {
    final String id = processId();
    deploy(
        client,
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .serviceTask(
                "notify",
                t ->
                    t.zeebeJobType(EmailWorker.TYPE)
                        .zeebeInputExpression("\"not an address\"", "to")
                        .zeebeInputExpression("\"s\"", "subject")
                        .zeebeInputExpression("\"b\"", "body"))
            .boundaryEvent("invalid", b -> b.error("FLOWDESK_EMAIL_INVALID_INPUT"))
            .endEvent("badInput")
            .moveToActivity("notify")
            .endEvent()
            .done());
    run(worker("smtp.password"));

    final long instance = start(client, id, Map.of());

    records.awaitCompleted(instance);
    assertThat(records.elements(instance, "ELEMENT_COMPLETED")).contains("badInput");
    assertThat(records.variable(instance, "errorMessage")).contains("not an address");
  }

  private static java.util.List<String> statusesOf(final String recipient) {
    return JdbcClient.create(dataSource)
        .sql("SELECT status FROM domain.delivery WHERE recipient = ? ORDER BY id")
        .param(recipient)
        .query(String.class)
        .list();
  }
}
