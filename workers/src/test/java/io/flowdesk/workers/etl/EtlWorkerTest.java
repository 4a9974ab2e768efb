package io.flowdesk.workers.etl;

import static io.flowdesk.workers.WorkerTesting.deploy;
import static io.flowdesk.workers.WorkerTesting.processId;
import static io.flowdesk.workers.WorkerTesting.start;
import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

@FlowdeskEngineTest
class EtlWorkerTest {

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
}
