package io.flowdesk.workers.processes;

import static io.flowdesk.workers.WorkerTesting.deployXml;
import static io.flowdesk.workers.WorkerTesting.processFile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.camunda.client.CamundaClient;
import io.flowdesk.connectors.mail.MailSecurity;
import io.flowdesk.connectors.mail.MailSender;
import io.flowdesk.connectors.mail.MailSenderSettings;
import io.flowdesk.connectors.mail.MailServer;
import io.flowdesk.domain.delivery.DeliveryLog;
import io.flowdesk.engine.support.EngineClock;
import io.flowdesk.engine.test.EngineRecords;
import io.flowdesk.engine.test.FlowdeskEngineTest;
import io.flowdesk.engine.test.SharedPostgres;
import io.flowdesk.workers.TestWorker;
import io.flowdesk.workers.WorkerTesting;
import io.flowdesk.workers.etl.EtlWorker;
import io.flowdesk.workers.mail.EmailWorker;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** processes/nightly-etl-import.bpmn as packaged, with the ETL and email workers. */
@FlowdeskEngineTest
class NightlyEtlImportProcessTest {

  /** The packaged task's inputs, where a deployment gives it its export's location. */
  static final String PACKAGED_INPUTS =
      "<zeebe:input source=\"etl.asset\" target=\"targetTable\" />";

  @RegisterExtension
  static final GreenMailExtension GREEN_MAIL =
      new GreenMailExtension(
              new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort())
          .withPerMethodLifecycle(false);

  @TempDir static Path exports;

  static DataSource warehouse;
  static TestWorker etl;
  static TestWorker email;

  CamundaClient client;
  EngineRecords records;
  EngineClock clock;

  @BeforeAll
  static void warehouse() {
    warehouse =
        new DriverManagerDataSource(
            SharedPostgres.newDatabase(), SharedPostgres.user(), SharedPostgres.password());
    JdbcClient.create(warehouse)
        .sql("CREATE SCHEMA etl; CREATE TABLE etl.asset (tag TEXT PRIMARY KEY, owner TEXT)")
        .update();
  }

  @BeforeEach
  void startWorkers() throws Exception {
    GREEN_MAIL.purgeEmailFromAllMailboxes();
    if (etl == null) {
      etl = new TestWorker(client, EtlWorker.TYPE);
      etl.use(new EtlWorker(warehouse, Set.of("etl"), Duration.ofMillis(100))::handle);
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
  static void stopWorkers() {
    etl.close();
    email.close();
  }

  /** The packaged process with its export location pointed at {@code source}. */
  void deployReading(final Path source) {
    final String xml = processFile("nightly-etl-import.bpmn");
    assertThat(xml).contains(PACKAGED_INPUTS).doesNotContain("sourceUrl");
    deployXml(
        client,
        "nightly-etl-import.bpmn",
        xml.replace(
            PACKAGED_INPUTS,
            "<zeebe:input source=\""
                + source.toUri()
                + "\" target=\"sourceUrl\" />"
                + PACKAGED_INPUTS));
  }

  long nextNight() {
    final int before = records.instancesOf("nightly-etl-import").size();
    clock.advance(Duration.ofDays(1));
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> records.instancesOf("nightly-etl-import").size() > before);
    final List<Long> instances = records.instancesOf("nightly-etl-import");
    return instances.get(instances.size() - 1);
  }

  @Test
  void eachNightTheExportIsUpsertedIntoTheAssetTable() throws Exception {
    final Path export =
        Files.writeString(exports.resolve("assets.csv"), "tag,owner\nA1,ann\nB2,bob\nA1,amy\n");
    deployReading(export);

    final long instance = nextNight();

    records.awaitCompleted(instance);
    assertThat(records.passed(instance, "imported", "ELEMENT_COMPLETED")).isTrue();
    assertThat(
            JdbcClient.create(warehouse)
                .sql("SELECT tag || '=' || owner FROM etl.asset ORDER BY tag")
                .query(String.class)
                .list())
        .containsExactly("A1=amy", "B2=bob");
    assertThat(GREEN_MAIL.getReceivedMessages()).isEmpty();
  }

  @Test
  void asPackagedWithNoSourceConfiguredEachNightIsAQuietNoOp() {
    deployXml(client, "nightly-etl-import.bpmn", processFile("nightly-etl-import.bpmn"));

    final long instance = nextNight();

    records.awaitCompleted(instance);
    assertThat(records.passed(instance, "imported", "ELEMENT_COMPLETED")).isTrue();
    assertThat(records.elements(instance, "ELEMENT_COMPLETED")).doesNotContain("notifyOps");
    assertThat(records.variable(instance, "etlResult")).contains("\"skipped\": true");
    assertThat(GREEN_MAIL.getReceivedMessages()).isEmpty();
  }

  @Test
  void aFailedImportMailsOperationsTheReason() throws Exception {
    deployReading(exports.resolve("missing-export.csv"));

    final long instance = nextNight();

    records.awaitCompleted(instance);
    assertThat(records.elements(instance, "ELEMENT_COMPLETED"))
        .contains("importFailed", "notifyOps", "opsNotified");
    final MimeMessage[] mails = GREEN_MAIL.getReceivedMessages();
    assertThat(mails).hasSize(1);
    assertThat(mails[0].getAllRecipients()[0].toString()).isEqualTo("ops@flowdesk.local");
    assertThat(mails[0].getSubject()).isEqualTo("Nightly asset import failed");
    assertThat(GreenMailUtil.getBody(mails[0])).contains("missing-export.csv");
  }
}
