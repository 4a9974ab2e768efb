package io.flowdesk.workers.etl;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.flowdesk.workers.WorkerTesting.deploy;
import static io.flowdesk.workers.WorkerTesting.processId;
import static io.flowdesk.workers.WorkerTesting.start;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.camunda.client.CamundaClient;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.flowdesk.engine.test.EngineRecords;
import io.flowdesk.engine.test.FlowdeskEngineTest;
import io.flowdesk.engine.test.SharedPostgres;
import io.flowdesk.workers.TestWorker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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

@FlowdeskEngineTest
class EtlWorkerTest {

  @RegisterExtension
  static final WireMockExtension json =
      WireMockExtension.newInstance()
          .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
          .build();

  static DataSource warehouse;
  static TestWorker running;

  @TempDir static Path files;

  CamundaClient client;
  EngineRecords records;

  @BeforeAll
  static void warehouse() {
    warehouse =
        new DriverManagerDataSource(
            SharedPostgres.newDatabase(), SharedPostgres.user(), SharedPostgres.password());
    JdbcClient.create(warehouse)
        .sql(
            "CREATE SCHEMA etl; CREATE TABLE etl.asset (tag TEXT PRIMARY KEY, owner TEXT);"
                + " CREATE SCHEMA private; CREATE TABLE private.asset (tag TEXT, owner TEXT)")
        .update();
  }

  @BeforeEach
  void startWorker() {
    if (running == null) {
      running = new TestWorker(client, EtlWorker.TYPE);
      running.use(new EtlWorker(warehouse, Set.of("etl"), Duration.ofMillis(100))::handle);
    }
  }

  @AfterAll
  static void stopWorker() {
    running.close();
  }

  static BpmnModelInstance importProcess(final String id, final String table) {
    return Bpmn.createExecutableProcess(id)
        .startEvent()
        .serviceTask(
            "import",
            t ->
                t.zeebeJobType(EtlWorker.TYPE)
                    .zeebeInputExpression("source", "sourceUrl")
                    .zeebeInput(table, "targetTable")
                    .zeebeInput("tag", "keyColumns")
                    .zeebeTaskHeader("resultVariable", "importRun"))
        .boundaryEvent("failed", b -> b.error(EtlWorker.FAILED))
        .endEvent("importFailed")
        .moveToActivity("import")
        .endEvent("imported")
        .done();
  }

  List<String> owners() {
    return JdbcClient.create(warehouse)
        .sql("SELECT tag || '=' || owner FROM etl.asset ORDER BY tag")
        .query(String.class)
        .list();
  }

  @Test
  void aCsvFileIsUpsertedIntoTheTargetTableAndTheStatisticsAreTheResult() throws Exception {
    final Path csv = Files.writeString(files.resolve("assets.csv"), "tag,owner\nA1,ann\nB2,bob\n");
    final String id = processId();
    deploy(client, importProcess(id, "etl.asset"));

    final long instance = start(client, id, Map.of("source", csv.toUri().toString()));

    records.awaitCompleted(instance);
    assertThat(owners()).contains("A1=ann", "B2=bob");
    assertThat(records.variable(instance, "importRun"))
        .contains("\"rowsRead\": 2")
        .contains("\"rowsInserted\"");
  }

  @Test
  void aMissingFileEndsInTheFailureBoundaryAndChangesNothing() {
    final String id = processId();
    deploy(client, importProcess(id, "etl.asset"));
    final List<String> before = owners();

    final long instance =
        start(client, id, Map.of("source", files.resolve("nowhere.csv").toUri().toString()));

    records.awaitCompleted(instance);
    assertThat(records.elements(instance, "ELEMENT_COMPLETED")).contains("importFailed");
    assertThat(records.variable(instance, "errorMessage")).contains("nowhere.csv");
    assertThat(owners()).isEqualTo(before);
  }

  @Test
  void aSchemaThatIsNotAllowedIsRefusedAsInvalidInput() throws Exception {
    final Path csv = Files.writeString(files.resolve("p.csv"), "tag,owner\nX,eve\n");
    final String id = processId();
    deploy(
        client,
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .serviceTask(
                "import",
                t ->
                    t.zeebeJobType(EtlWorker.TYPE)
                        .zeebeInput(csv.toUri().toString(), "sourceUrl")
                        .zeebeInput("private.asset", "targetTable"))
            .boundaryEvent("invalid", b -> b.error("FLOWDESK_ETL_INVALID_INPUT"))
            .endEvent("refused")
            .moveToActivity("import")
            .endEvent()
            .done());

    final long instance = start(client, id, Map.of());

    records.awaitCompleted(instance);
    assertThat(records.elements(instance, "ELEMENT_COMPLETED")).contains("refused");
    assertThat(records.variable(instance, "errorMessage")).contains("schema 'private'");
    assertThat(
            JdbcClient.create(warehouse)
                .sql("SELECT count(*) FROM private.asset")
                .query(Long.class)
                .single())
        .isZero();
  }

  @Test
  void aJsonApiIsReadFromItsRecordsPointerIntoTheTargetTable() {
    json.stubFor(
        get("/assets")
            .willReturn(
                okJson(
                    "{\"items\": [{\"tag\": \"J1\", \"owner\": \"jo\"},"
                        + " {\"tag\": \"J2\", \"owner\": \"jay\"}]}")));
    final String id = processId();
    deploy(client, sourceProcess(id, "json", json.baseUrl() + "/assets", "/items"));

    final long instance = start(client, id, Map.of());

    records.awaitCompleted(instance);
    assertThat(records.elements(instance, "ELEMENT_COMPLETED")).contains("imported");
    assertThat(owners()).contains("J1=jo", "J2=jay");
  }

  @Test
  void aTableOfTheEtlDatabaseIsReadIntoAnotherOne() {
    JdbcClient.create(warehouse)
        .sql(
            "CREATE TABLE IF NOT EXISTS etl.asset_export (tag TEXT, owner TEXT);"
                + " INSERT INTO etl.asset_export VALUES ('T1', 'tess'), ('T2', 'tom')")
        .update();
    final String id = processId();
    deploy(client, sourceProcess(id, "table", "etl.asset_export", null));

    final long instance = start(client, id, Map.of());

    records.awaitCompleted(instance);
    assertThat(owners()).contains("T1=tess", "T2=tom");
  }

  @Test
  void aSourceOnAServerWhereNoSchemaIsAllowedRaisesAnIncidentNamingTheSetting() throws Exception {
    final String type = "etl-unconfigured-" + processId();
    final Path csv = Files.writeString(files.resolve("u.csv"), "tag,owner\nU1,uma\n");
    final String id = processId();
    deploy(
        client,
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .serviceTask(
                "import",
                t ->
                    t.zeebeJobType(type)
                        .zeebeInput(csv.toUri().toString(), "sourceUrl")
                        .zeebeInput("etl.asset", "targetTable"))
            .endEvent()
            .done());
    try (TestWorker unconfigured = new TestWorker(client, type)) {
      unconfigured.use(new EtlWorker(warehouse, Set.of(), Duration.ofMillis(100))::handle);

      final long instance = start(client, id, Map.of());

      assertThat(records.awaitIncidents(instance).get(0).errorMessage())
          .contains("flowdesk.connectors.etl.allowed-schemas");
    }
    assertThat(owners()).doesNotContain("U1=uma");
  }

  static BpmnModelInstance sourceProcess(
      final String id, final String format, final String location, final String recordsAt) {
    return Bpmn.createExecutableProcess(id)
        .startEvent()
        .serviceTask(
            "import",
            t -> {
              t.zeebeJobType(EtlWorker.TYPE)
                  .zeebeInput(location, "sourceUrl")
                  .zeebeInput(format, "format")
                  .zeebeInput("etl.asset", "targetTable")
                  .zeebeInput("tag", "keyColumns");
              if (recordsAt != null) {
                t.zeebeInput(recordsAt, "recordsAt");
              }
            })
        .endEvent("imported")
        .done();
  }
}
