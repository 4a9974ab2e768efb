package io.flowdesk.connectors.etl.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowdesk.connectors.etl.EtlException;
import io.flowdesk.connectors.etl.Sql;
import io.flowdesk.connectors.etl.TestPostgres;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JdbcSourceTest {

  private DataSource database;

  @BeforeEach
  void createSource() {
    database = TestPostgres.newDatabase();
    new Sql(database)
        .execute(
            "CREATE TABLE orders (id int, item text, changed_at timestamp)",
            "INSERT INTO orders VALUES (3, 'c', '2024-01-03 10:00'), (1, 'a', '2024-01-01 10:00'),"
                + " (2, 'b', '2024-01-02 10:00'), (4, 'no watermark', NULL)");
  }

  private static List<SourceRow> readAll(final RowSource source) {
    final List<SourceRow> rows = new ArrayList<>();
    source.forEachRemaining(rows::add);
    return rows;
  }

  @Test
  void incrementalReadReturnsOnlyNewerRowsInWatermarkOrderAndTheNewWatermark() {
    try (JdbcSource source =
        JdbcSource.open(
            database,
            JdbcQuery.incremental(
                    "SELECT id, item, changed_at FROM orders;",
                    "changed_at",
                    LocalDateTime.of(2024, 1, 1, 10, 0))
                .fetching(1))) {

      final List<SourceRow> rows = readAll(source);

      assertThat(rows).extracting(row -> row.get("item")).containsExactly("b", "c");
      assertThat(rows).extracting(SourceRow::line).containsExactly(1L, 2L);
      assertThat(source.watermark()).contains(LocalDateTime.of(2024, 1, 3, 10, 0));
    }
  }

  @Test
  void firstRunReadsEveryRowThatHasAWatermark() {
    try (JdbcSource source =
        JdbcSource.open(
            database, JdbcQuery.incremental("SELECT * FROM orders", "changed_at", null))) {

      assertThat(readAll(source)).extracting(row -> row.get("id")).containsExactly(1, 2, 3);
      assertThat(source.watermark()).contains(LocalDateTime.of(2024, 1, 3, 10, 0));
    }
  }

  @Test
  void runWithNothingNewKeepsThePreviousWatermark() {
    final LocalDateTime last = LocalDateTime.of(2024, 1, 3, 10, 0);
    try (JdbcSource source =
        JdbcSource.open(
            database, JdbcQuery.incremental("SELECT * FROM orders", "changed_at", last))) {

      assertThat(readAll(source)).isEmpty();
      assertThat(source.watermark()).contains(last);
    }
  }

  @Test
  void queryWithoutWatermarkReadsEverything() {
    try (JdbcSource source =
        JdbcSource.open(database, JdbcQuery.all("SELECT id FROM orders ORDER BY id"))) {

      assertThat(readAll(source)).extracting(row -> row.get("id")).containsExactly(1, 2, 3, 4);
      assertThat(source.watermark()).isEmpty();
    }
  }

  @Test
  void refusedQueryFailsWithTheDatabaseReason() {
    assertThatThrownBy(() -> JdbcSource.open(database, JdbcQuery.all("SELECT * FROM nowhere")))
        .isInstanceOf(EtlException.class)
        .hasMessageContaining("Source query failed")
        .hasMessageContaining("relation \"nowhere\" does not exist");
  }
}
