package io.flowdesk.engine.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.camunda.client.CamundaClient;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.flowdesk.engine.Engine;
import io.flowdesk.engine.EngineBootstrap;
import io.flowdesk.engine.EngineProperties;
import io.flowdesk.engine.support.EngineClock;
import io.flowdesk.engine.test.ClientProtocol;
import io.flowdesk.engine.test.FlowdeskEngineExtension;
import io.flowdesk.engine.test.SharedPostgres;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Batch operations across an engine restart, on one database as a restarted node finds it: a batch
 * whose engine died while working it off (items still ACTIVE, a lease nobody renews) is taken up by
 * the next engine and finished with the stored plan; a batch suspended before the restart resumes;
 * a batch another live engine holds is left to it.
 */
class BatchRestartTest {

  private static final long BATCH = (1L << 51) + 900_000_000_000L;

  private HikariDataSource dataSource;
  private JdbcTemplate sql;
  private long v1;
  private long v2;
  private final List<Long> instances = new ArrayList<>();

  @BeforeEach
  void instancesOfTheFirstVersionThenTheEngineStops() {
    dataSource = new HikariDataSource();
    dataSource.setJdbcUrl(SharedPostgres.newDatabase());
    dataSource.setUsername(SharedPostgres.user());
    dataSource.setMaximumPoolSize(10);
    sql = new JdbcTemplate(dataSource);
    try (Engine before = start();
        CamundaClient client = FlowdeskEngineExtension.client(before, ClientProtocol.REST)) {
      v1 = deploy(client, "work-v1");
      for (int i = 0; i < 4; i++) {
        instances.add(
            client
                .newCreateInstanceCommand()
                .processDefinitionKey(v1)
                .send()
                .join()
                .getProcessInstanceKey());
      }
      v2 = deploy(client, "work-v2");
    }
  }

  @AfterEach
  void closeDatabase() {
    dataSource.close();
  }

  private Engine start() {
    return EngineBootstrap.start(dataSource, EngineProperties.loopback(), new EngineClock());
  }

  private static long deploy(final CamundaClient client, final String jobType) {
    return client
        .newDeployResourceCommand()
        .addProcessModel(
            Bpmn.createExecutableProcess("restarted")
                .startEvent()
                .serviceTask("work", t -> t.zeebeJobType(jobType))
                .endEvent()
                .done(),
            "restarted.bpmn")
        .send()
        .join()
        .getProcesses()
        .get(0)
        .getProcessDefinitionKey();
  }

  /**
   * What an engine leaves behind when it dies during a migration batch: the first item done, the
   * others ACTIVE, the batch in {@code state} with the dead engine's lease (or none).
   */
  private void interruptedMigration(final String state, final Instant leaseUntil) {
    sql.update(
        "INSERT INTO engine.batch_operation (key, type, state, plan, created_by, created_at,"
            + " start_date, runner, lease_until) VALUES (?, 'MIGRATE_PROCESS_INSTANCE', ?, ?,"
            + " 'test', now(), now(), ?, ?)",
        BATCH,
        state,
        "{\"targetProcessDefinitionKey\":\""
            + v2
            + "\",\"mappingInstructions\":[{\"sourceElementId\":\"work\","
            + "\"targetElementId\":\"work\"}]}",
        leaseUntil == null ? null : "engine-that-died",
        leaseUntil == null ? null : Timestamp.from(leaseUntil));
    for (int i = 0; i < instances.size(); i++) {
      sql.update(
          "INSERT INTO engine.batch_operation_item (batch_operation_key, item_key,"
              + " process_instance_key, state) VALUES (?, ?, ?, ?)",
          BATCH,
          instances.get(i),
          instances.get(i),
          i == 0 ? "COMPLETED" : "ACTIVE");
    }
  }

  private String batchState() {
    return sql.queryForObject(
        "SELECT state FROM engine.batch_operation WHERE key = ?", String.class, BATCH);
  }

  private Map<String, Long> itemStates() {
    final Map<String, Long> states = new java.util.TreeMap<>();
    sql.query(
        "SELECT state, count(*) FROM engine.batch_operation_item WHERE batch_operation_key = ?"
            + " GROUP BY state",
        rs -> {
          states.put(rs.getString(1), rs.getLong(2));
        },
        BATCH);
    return states;
  }

  private long definitionOf(final long instance) {
    return sql.queryForObject(
        "SELECT process_definition_key FROM engine.process_instance WHERE key = ?",
        Long.class,
        instance);
  }

  @Test
  void aBatchWhoseEngineDiedIsFinishedByTheNextEngine() {
    interruptedMigration("ACTIVE", Instant.now().minusSeconds(60));

    try (Engine restarted = start()) {
      await().atMost(Duration.ofSeconds(30)).until(() -> "COMPLETED".equals(batchState()));
    }

    assertThat(itemStates()).containsExactlyEntriesOf(Map.of("COMPLETED", 4L));
    instances.stream().skip(1).forEach(i -> assertThat(definitionOf(i)).isEqualTo(v2));
  }

  @Test
  void aBatchSuspendedBeforeTheRestartResumes() {
    interruptedMigration("SUSPENDED", null);

    try (Engine restarted = start()) {
      final Http.Answer resumed =
          Http.of(restarted).post("/v2/batch-operations/" + BATCH + "/resumption", "{}");
      assertThat(resumed.status()).as(resumed.body()).isEqualTo(204);
      await().atMost(Duration.ofSeconds(30)).until(() -> "COMPLETED".equals(batchState()));
    }
    instances.stream().skip(1).forEach(i -> assertThat(definitionOf(i)).isEqualTo(v2));
  }

  @Test
  void aBatchAnotherLiveEngineHoldsIsLeftToIt() throws InterruptedException {
    interruptedMigration("ACTIVE", Instant.now().plusSeconds(3600));

    try (Engine second = start()) {
      // Several of the second engine's scans (every half second).
      Thread.sleep(2_000);
    }

    assertThat(batchState()).isEqualTo("ACTIVE");
    assertThat(itemStates()).containsEntry("ACTIVE", 3L);
    instances.stream().skip(1).forEach(i -> assertThat(definitionOf(i)).isEqualTo(v1));
  }
}
