package io.flowdesk.workers.processes;

import static io.flowdesk.workers.WorkerTesting.deployXml;
import static io.flowdesk.workers.WorkerTesting.processFile;
import static io.flowdesk.workers.WorkerTesting.start;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.camunda.client.CamundaClient;
import io.flowdesk.connectors.mail.MailSecurity;
import io.flowdesk.connectors.mail.MailSender;
import io.flowdesk.connectors.mail.MailSenderSettings;
import io.flowdesk.connectors.mail.MailServer;
import io.flowdesk.connectors.rpa.BrowserPool;
import io.flowdesk.connectors.rpa.BrowserPoolConfig;
import io.flowdesk.connectors.rpa.LegacyAdminConsole;
import io.flowdesk.connectors.rpa.RpaRunSettings;
import io.flowdesk.connectors.rpa.RpaRunner;
import io.flowdesk.domain.delivery.DeliveryLog;
import io.flowdesk.domain.secret.SecretBinding;
import io.flowdesk.domain.secret.SecretStore;
import io.flowdesk.engine.test.EngineRecords;
import io.flowdesk.engine.test.FlowdeskEngineTest;
import io.flowdesk.workers.TestWorker;
import io.flowdesk.workers.WorkerTesting;
import io.flowdesk.workers.mail.EmailWorker;
import io.flowdesk.workers.rpa.RpaWorker;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** processes/rpa-fulfilment.bpmn as packaged, against the connectors' legacy console test site. */
@FlowdeskEngineTest
class RpaFulfilmentProcessTest {

  @RegisterExtension
  static final GreenMailExtension GREEN_MAIL =
      new GreenMailExtension(
              new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort())
          .withPerMethodLifecycle(false);

  @TempDir static Path artifacts;

  static LegacyAdminConsole console;
  static BrowserPool pool;
  static SecretStore secrets;
  static TestWorker rpa;
  static TestWorker email;

  CamundaClient client;
  EngineRecords records;

  @BeforeAll
  static void console() {
    console = LegacyAdminConsole.start();
    pool = new BrowserPool(BrowserPoolConfig.of(1));
    final DataSource domain = WorkerTesting.domainDatabase();
    secrets = new SecretStore(domain, WorkerTesting.randomKey());
    final SecretBinding consoleOnly =
        SecretBinding.of(List.of(RpaWorker.CONNECTOR), List.of(console.baseUrl()));
    secrets.put("console-admin", LegacyAdminConsole.PASSWORD.toCharArray(), consoleOnly);
    secrets.put("initial-password", "Welcome-2026!".toCharArray(), consoleOnly);
  }

  @BeforeEach
  void startWorkers() throws Exception {
    GREEN_MAIL.purgeEmailFromAllMailboxes();
    if (rpa == null) {
      deployXml(client, "rpa-fulfilment.bpmn", processFile("rpa-fulfilment.bpmn"));
      rpa = new TestWorker(client, RpaWorker.TYPE);
      rpa.use(
          new RpaWorker(
                  new RpaRunner(
                      pool,
                      RpaRunSettings.of(artifacts).withDefaultStepTimeout(Duration.ofSeconds(5))),
                  secrets,
                  Duration.ofMillis(100))
              ::handle);
      email = new TestWorker(client, EmailWorker.TYPE);
      final MailServer smtp =
          MailServer.of("127.0.0.1", GREEN_MAIL.getSmtp().getPort(), MailSecurity.NONE);
      email.use(
          new EmailWorker(
                  new MailSender(
                      new MailSenderSettings(smtp, "flowdesk@flowdesk.local", "flowdesk.local")),
                  new DeliveryLog(WorkerTesting.domainDatabase()),
                  Duration.ofMillis(100))
              ::handle);
    }
  }

  @AfterAll
  static void stop() {
    rpa.close();
    email.close();
    pool.close();
    console.close();
  }

  @Test
  void theRobotCreatesTheAccountInTheLegacyConsole() {
    final long instance =
        start(
            client,
            "rpa-fulfilment",
            Map.of(
                "consoleUrl", console.baseUrl(),
                "login", "jdoe",
                "fullName", "Jane Doe",
                "email", "jane.doe@example.test"));

    records.awaitCompleted(instance);
    assertThat(records.passed(instance, "accountCreated", "ELEMENT_COMPLETED")).isTrue();
    assertThat(console.createdUsers())
        .anySatisfy(
            user ->
                assertThat(user)
                    .containsEntry("login", "jdoe")
                    .containsEntry("email", "jane.doe@example.test"));
    assertThat(records.variable(instance, "account")).contains("userId");
    assertThat(GREEN_MAIL.getReceivedMessages()).isEmpty();
  }

  @Test
  void whenTheRobotFailsTheServiceDeskIsAskedToCreateTheAccountByHand() {
    final long instance =
        start(
            client,
            "rpa-fulfilment",
            Map.of(
                // A console that does not answer: the first step fails.
                "consoleUrl", console.baseUrl() + "/no-such-console",
                "login", "rroe",
                "fullName", "Richard Roe",
                "email", "richard.roe@example.test"));

    records.awaitCompleted(instance);
    assertThat(records.elements(instance, "ELEMENT_COMPLETED"))
        .contains("robotFailed", "handedOver");
    final MimeMessage[] mails = GREEN_MAIL.getReceivedMessages();
    assertThat(mails).hasSize(1);
    assertThat(GreenMailUtil.getBody(mails[0])).contains("rroe").contains("Richard Roe");
  }
}
