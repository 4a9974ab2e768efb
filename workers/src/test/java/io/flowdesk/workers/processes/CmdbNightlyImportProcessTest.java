package io.flowdesk.workers.processes;

import static io.flowdesk.workers.WorkerTesting.deployXml;
import static io.flowdesk.workers.WorkerTesting.processFile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.camunda.client.CamundaClient;
import io.flowdesk.domain.cmdb.Cmdb;
import io.flowdesk.domain.cmdb.CmdbImport;
import io.flowdesk.domain.cmdb.ConfigurationItem;
import io.flowdesk.domain.cmdb.ImportRun;
import io.flowdesk.domain.cmdb.LifecycleStatus;
import io.flowdesk.domain.cmdb.RelationshipType;
import io.flowdesk.engine.Engine;
import io.flowdesk.engine.support.EngineClock;
import io.flowdesk.engine.test.EngineRecords;
import io.flowdesk.engine.test.FlowdeskEngineTest;
import io.flowdesk.workers.SpringWorkers;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * processes/cmdb/cmdb-nightly-import.bpmn as packaged, fired by its timer on the engine clock, with
 * the workers as the app runs them (the real {@code flowdesk:cmdb-import} on the domain's CMDB).
 */
@FlowdeskEngineTest
class CmdbNightlyImportProcessTest {

  /** The packaged task's inputs, where a deployment gives it the export's locations. */
  static final String PACKAGED_INPUTS = "<zeebe:input source=\"csv\" target=\"format\" />";

  @RegisterExtension
  static final GreenMailExtension GREEN_MAIL =
      new GreenMailExtension(
              new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort())
          .withPerMethodLifecycle(true);

  @TempDir Path exports;

  CamundaClient client;
  EngineRecords records;
  EngineClock clock;
  Engine engine;

  ConfigurableApplicationContext app;
  Cmdb cmdb;

  @BeforeEach
  void workers() {
    app =
        SpringWorkers.start(
            engine,
            "flowdesk.secrets.key=" + Base64.getEncoder().encodeToString(new byte[32]),
            "flowdesk.connectors.mail.host=127.0.0.1",
            "flowdesk.connectors.mail.port=" + GREEN_MAIL.getSmtp().getPort(),
            "flowdesk.connectors.mail.security=NONE",
            "flowdesk.connectors.mail.from=flowdesk@flowdesk.test",
            "flowdesk.connectors.mail.message-id-domain=flowdesk.test");
    cmdb = app.getBean(Cmdb.class);
  }

  @AfterEach
  void stop() {
    app.close();
  }

  /** The packaged process reading {@code cis} and {@code relationships}. */
  void deployReading(final Path cis, final Path relationships) {
    final String xml = processFile("cmdb/cmdb-nightly-import.bpmn");
    assertThat(xml).contains(PACKAGED_INPUTS).doesNotContain("target=\"cis\"");
    deployXml(
        client,
        "cmdb-nightly-import.bpmn",
        xml.replace(
            PACKAGED_INPUTS,
            PACKAGED_INPUTS
                + "<zeebe:input source=\""
                + cis.toUri()
                + "\" target=\"cis\" /><zeebe:input source=\""
                + relationships.toUri()
                + "\" target=\"relationships\" />"));
  }

  long nextNight() {
    final int before = records.instancesOf("cmdb-nightly-import").size();
    clock.advance(Duration.ofDays(1));
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> records.instancesOf("cmdb-nightly-import").size() > before);
    final List<Long> instances = records.instancesOf("cmdb-nightly-import");
    return instances.get(instances.size() - 1);
  }

  @Test
  void eachNightTheExportIsReconciledIntoTheCmdb() throws Exception {
    final Path cis =
        Files.writeString(
            exports.resolve("cis.csv"),
            "class,name,serialNumber,owner,environment,cpus\n"
                + "server,srv-01,SN-1,agent.nils,production,8\n"
                + "application,billing,,agent.nils,production,\n");
    final Path relationships =
        Files.writeString(
            exports.resolve("relationships.csv"),
            "sourceClass,sourceName,type,targetClass,targetName\n"
                + "application,billing,runs on,server,srv-01\n");
    deployReading(cis, relationships);

    final long first = nextNight();
    records.awaitCompleted(first);

    assertThat(records.passed(first, "imported", "ELEMENT_COMPLETED")).isTrue();
    final ConfigurationItem server = cmdb.findByName("server", "srv-01").orElseThrow();
    assertThat(server.attributes()).containsEntry("cpus", 8);
    final ConfigurationItem billing = cmdb.findByName("application", "billing").orElseThrow();
    assertThat(cmdb.relationships(billing.id()))
        .singleElement()
        .satisfies(r -> assertThat(r.type()).isEqualTo(RelationshipType.RUNS_ON));

    // The next export renames the server (same serial) and no longer lists the application.
    Files.writeString(
        cis,
        "class,name,serialNumber,owner,environment,cpus\n"
            + "server,srv-01a,SN-1,agent.nils,production,16\n");
    Files.writeString(relationships, "sourceClass,sourceName,type,targetClass,targetName\n");

    final long second = nextNight();
    records.awaitCompleted(second);

    assertThat(records.passed(second, "imported", "ELEMENT_COMPLETED")).isTrue();
    final ConfigurationItem renamed = cmdb.get(server.id());
    assertThat(renamed.name()).isEqualTo("srv-01a");
    assertThat(renamed.attributes()).containsEntry("cpus", 16);
    assertThat(cmdb.get(billing.id()).status()).isEqualTo(LifecycleStatus.RETIRED);
    final ImportRun run = app.getBean(CmdbImport.class).recent("asset-export", 1).get(0);
    assertThat(List.of(run.inserted(), run.updated(), run.retired())).containsExactly(0, 1, 1);
    assertThat(GREEN_MAIL.getReceivedMessages()).isEmpty();
  }

  @Test
  void asPackagedWithNoSourceConfiguredEachNightIsASkippedRunAndNoMail() {
    deployXml(client, "cmdb-nightly-import.bpmn", processFile("cmdb/cmdb-nightly-import.bpmn"));

    final long instance = nextNight();
    records.awaitCompleted(instance);

    assertThat(records.elements(instance, "ELEMENT_COMPLETED"))
        .contains("skipped")
        .doesNotContain("notifyOps", "reportRejects", "imported");
    final ImportRun run = app.getBean(CmdbImport.class).recent("asset-export", 1).get(0);
    assertThat(run.status()).isEqualTo(ImportRun.Status.SKIPPED);
    assertThat(run.error()).isEqualTo("skipped: no source configured");
    assertThat(GREEN_MAIL.getReceivedMessages()).isEmpty();
  }

  @Test
  void aConfiguredExportThatIsMissingStillFailsAndOperationsAreTold() throws Exception {
    deployReading(exports.resolve("gone.csv"), exports.resolve("gone-relationships.csv"));

    final long instance = nextNight();
    records.awaitCompleted(instance);

    assertThat(records.elements(instance, "ELEMENT_COMPLETED")).contains("notifyOps");
    assertThat(GREEN_MAIL.getReceivedMessages()).hasSize(1);
    assertThat(GREEN_MAIL.getReceivedMessages()[0].getSubject())
        .isEqualTo("Nightly CMDB import failed");
  }

  @Test
  void rejectedRowsAreMailedToOperationsWithTheirReasons() throws Exception {
    final Path cis =
        Files.writeString(
            exports.resolve("cis.csv"),
            "class,name,environment\n"
                + "server,srv-02,production\n"
                + "server,srv-02,test\n"
                + "server,srv-03,mars\n"
                + "server,srv-04\n");
    final Path relationships =
        Files.writeString(
            exports.resolve("relationships.csv"),
            "sourceClass,sourceName,type,targetClass,targetName\n");
    deployReading(cis, relationships);

    final long instance = nextNight();
    records.awaitCompleted(instance);

    assertThat(records.elements(instance, "ELEMENT_COMPLETED"))
        .contains("reportRejects", "rejectsReported");
    assertThat(cmdb.findByName("server", "srv-02")).isEmpty();
    assertThat(cmdb.findByName("server", "srv-03")).isEmpty();
    final MimeMessage[] mails = GREEN_MAIL.getReceivedMessages();
    assertThat(mails).hasSize(1);
    assertThat(mails[0].getSubject()).isEqualTo("Nightly CMDB import: rows rejected");
    assertThat(GreenMailUtil.getBody(mails[0]))
        .contains("CI row 2: duplicate: Server srv-02 is also in row 3")
        .contains("CI row 4: environment: 'mars' is not one of")
        .contains("CI row 5: ");
  }
}
