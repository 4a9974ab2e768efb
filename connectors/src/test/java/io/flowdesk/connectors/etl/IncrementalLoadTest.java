package io.flowdesk.connectors.etl;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowdesk.connectors.etl.TestHttpServer.Response;
import io.flowdesk.connectors.etl.extract.JdbcQuery;
import io.flowdesk.connectors.etl.extract.JdbcSource;
import io.flowdesk.connectors.etl.extract.JsonApiRequest;
import io.flowdesk.connectors.etl.extract.JsonApiSource;
import io.flowdesk.connectors.etl.extract.Pagination;
import io.flowdesk.connectors.etl.load.PostgresTarget;
import io.flowdesk.connectors.etl.transform.ColumnType;
import io.flowdesk.connectors.etl.transform.RowTransform;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.time.LocalDateTime;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Whole runs from the non-file sources into PostgreSQL. */
class IncrementalLoadTest {

  @Test
  void jdbcRunsCarryTheWatermarkFromOneRunToTheNext() {
    final DataSource source = TestPostgres.newDatabase();
    final DataSource warehouse = TestPostgres.newDatabase();
    final Sql sourceSql = new Sql(source);
    final Sql warehouseSql = new Sql(warehouse);
    sourceSql.execute(
        "CREATE TABLE orders (id int PRIMARY KEY, amount numeric, changed_at timestamp)",
        "INSERT INTO orders VALUES (1, 10, '2024-01-01 10:00'), (2, 20, '2024-01-02 10:00')");
    warehouseSql.execute(
        "CREATE TABLE orders_copy (id int PRIMARY KEY, amount numeric, changed_at timestamp)");
    final EtlPipeline pipeline =
        EtlPipeline.into(PostgresTarget.table("public", "orders_copy").upsertOn("id"));

    final RunStatistics first;
    try (JdbcSource rows =
        JdbcSource.open(
            source, JdbcQuery.incremental("SELECT * FROM orders", "changed_at", null))) {
      first = pipeline.run(rows, warehouse);
    }
    sourceSql.execute(
        "UPDATE orders SET amount = 11, changed_at = '2024-01-03 10:00' WHERE id = 1",
        "INSERT INTO orders VALUES (3, 30, '2024-01-04 10:00')");
    final RunStatistics second;
    try (JdbcSource rows =
        JdbcSource.open(
            source,
            JdbcQuery.incremental("SELECT * FROM orders", "changed_at", first.newWatermark()))) {
      second = pipeline.run(rows, warehouse);
    }

    assertThat(first.rowsInserted()).isEqualTo(2);
    assertThat(first.newWatermark()).isEqualTo(LocalDateTime.of(2024, 1, 2, 10, 0));
    assertThat(second.rowsRead()).isEqualTo(2);
    assertThat(second.rowsInserted()).isEqualTo(1);
    assertThat(second.rowsUpdated()).isEqualTo(1);
    assertThat(second.newWatermark()).isEqualTo(LocalDateTime.of(2024, 1, 4, 10, 0));
    assertThat(warehouseSql.rows("SELECT id, amount FROM orders_copy ORDER BY id"))
        .containsExactly(
            Map.of("id", 1, "amount", new BigDecimal("11")),
            Map.of("id", 2, "amount", new BigDecimal("20")),
            Map.of("id", 3, "amount", new BigDecimal("30")));
  }

  @Test
  void paginatedJsonApiIsLoadedWithRenamedAndCastColumns() {
    final DataSource warehouse = TestPostgres.newDatabase();
    final Sql sql = new Sql(warehouse);
    sql.execute("CREATE TABLE tickets (ticket_id bigint PRIMARY KEY, opened date, urgent boolean)");
    try (TestHttpServer server = new TestHttpServer()) {
      server
          .on(
              "/api/tickets?page=1",
              Response.ok(
                  "{\"tickets\":[{\"id\":7,\"opened\":\"2024-05-01\",\"priority\":\"high\"}]}"))
          .on(
              "/api/tickets?page=2",
              Response.ok(
                  "{\"tickets\":[{\"id\":8,\"opened\":\"2024-05-02\",\"priority\":\"low\"}]}"))
          .on("/api/tickets?page=3", Response.ok("{\"tickets\":[]}"));
      final RowTransform transform =
          RowTransform.builder()
              .column("ticket_id", "id", ColumnType.bigint())
              .column("opened", ColumnType.date())
              .derived("urgent", row -> "high".equals(row.get("priority")), ColumnType.bool())
              .build();

      final RunStatistics stats;
      try (JsonApiSource rows =
          JsonApiSource.open(
              HttpClient.newHttpClient(),
              JsonApiRequest.of(server.uri("/api/tickets"))
                  .recordsAt("/tickets")
                  .paginatedBy(Pagination.pageNumber("page", 1)))) {
        stats =
            EtlPipeline.into(PostgresTarget.table("public", "tickets").upsertOn("ticket_id"))
                .transformedBy(transform)
                .run(rows, warehouse);
      }

      assertThat(stats.rowsInserted()).isEqualTo(2);
      assertThat(sql.rows("SELECT ticket_id, urgent FROM tickets ORDER BY ticket_id"))
          .containsExactly(
              Map.of("ticket_id", 7L, "urgent", true), Map.of("ticket_id", 8L, "urgent", false));
    }
  }
}
