package io.flowdesk.connectors.etl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowdesk.connectors.etl.extract.CsvOptions;
import io.flowdesk.connectors.etl.extract.CsvSource;
import io.flowdesk.connectors.etl.load.Dedupe;
import io.flowdesk.connectors.etl.load.PostgresTarget;
import io.flowdesk.connectors.etl.reject.RejectFile;
import io.flowdesk.connectors.etl.reject.RejectTable;
import io.flowdesk.connectors.etl.reject.RejectThreshold;
import io.flowdesk.connectors.etl.transform.ColumnType;
import io.flowdesk.connectors.etl.transform.RowTransform;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EtlPipelineTest {

  private static final RowTransform CUSTOMERS =
      RowTransform.builder()
          .column("id", ColumnType.bigint())
          .column("name", ColumnType.text())
          .column("balance", ColumnType.numeric())
          .column("joined", ColumnType.date("dd/MM/yyyy"))
          .build();

  private static final PostgresTarget TARGET =
      PostgresTarget.table("public", "customers").upsertOn("id");

  @TempDir Path dir;
  private DataSource database;
  private Sql sql;

  @BeforeEach
  void createTarget() {
    database = TestPostgres.newDatabase();
    sql = new Sql(database);
    sql.execute(
        "CREATE TABLE customers (id bigint PRIMARY KEY, name text NOT NULL,"
            + " balance numeric(12,2), joined date)");
  }

  private Path csv(final String content) throws IOException {
    return Files.writeString(dir.resolve("customers.csv"), content, StandardCharsets.UTF_8);
  }

  private RunStatistics load(final EtlPipeline pipeline, final Path file) {
    try (CsvSource source = CsvSource.open(file, CsvOptions.withHeaderLine())) {
      return pipeline.run(source, database);
    }
  }

  private List<Map<String, Object>> customers() {
    return sql.rows("SELECT id, name, balance, joined FROM customers ORDER BY id");
  }

  @Test
  void upsertInsertsNewKeysAndUpdatesExistingOnesTellingThemApart() throws IOException {
    sql.execute("INSERT INTO customers VALUES (1, 'old name', 0, NULL)");
    final Path file =
        csv("id,name,balance,joined\n1,Ada,10.50,01/02/2020\n2,Grace,,\n3,Linus,3,31/12/1999\n");

    final RunStatistics stats = load(EtlPipeline.into(TARGET).transformedBy(CUSTOMERS), file);

    assertThat(customers())
        .containsExactly(
            Map.of(
                "id",
                1L,
                "name",
                "Ada",
                "balance",
                new BigDecimal("10.50"),
                "joined",
                Date.valueOf(LocalDate.of(2020, 2, 1))),
            row(2L, "Grace", null, null),
            Map.of(
                "id",
                3L,
                "name",
                "Linus",
                "balance",
                new BigDecimal("3.00"),
                "joined",
                Date.valueOf(LocalDate.of(1999, 12, 31))));
    assertThat(stats.rowsRead()).isEqualTo(3);
    assertThat(stats.rowsStaged()).isEqualTo(3);
    assertThat(stats.rowsInserted()).isEqualTo(2);
    assertThat(stats.rowsUpdated()).isEqualTo(1);
    assertThat(stats.rowsWritten()).isEqualTo(3);
    assertThat(stats.rowsRejected()).isZero();
    assertThat(stats.duration()).isPositive();
    assertThat(stats.watermark()).isEmpty();
  }

  private static Map<String, Object> row(
      final Object id, final Object name, final Object balance, final Object joined) {
    final Map<String, Object> row = new java.util.LinkedHashMap<>();
    row.put("id", id);
    row.put("name", name);
    row.put("balance", balance);
    row.put("joined", joined);
    return row;
  }

  @Test
  void insertOnlyKeepsExistingRows() throws IOException {
    sql.execute("INSERT INTO customers VALUES (1, 'kept', 0, NULL)");
    final Path file = csv("id,name,balance,joined\n1,Ada,1,\n2,Grace,2,\n");

    final RunStatistics stats =
        load(
            EtlPipeline.into(PostgresTarget.table("public", "customers").insertNewOn("id"))
                .transformedBy(CUSTOMERS),
            file);

    assertThat(sql.rows("SELECT id, name FROM customers ORDER BY id"))
        .containsExactly(Map.of("id", 1L, "name", "kept"), Map.of("id", 2L, "name", "Grace"));
    assertThat(stats.rowsInserted()).isEqualTo(1);
    assertThat(stats.rowsUpdated()).isZero();
  }

  @Test
  void duplicateKeysInTheInputKeepTheLastRowByDefault() throws IOException {
    final Path file = csv("id,name,balance,joined\n1,first,1,\n2,Grace,2,\n1,last,3,\n");

    final RunStatistics stats = load(EtlPipeline.into(TARGET).transformedBy(CUSTOMERS), file);

    assertThat(sql.rows("SELECT id, name FROM customers ORDER BY id"))
        .containsExactly(Map.of("id", 1L, "name", "last"), Map.of("id", 2L, "name", "Grace"));
    assertThat(stats.rowsStaged()).isEqualTo(3);
    assertThat(stats.rowsInserted()).isEqualTo(2);
  }

  @Test
  void duplicateKeysCanKeepTheFirstRow() throws IOException {
    final Path file = csv("id,name,balance,joined\n1,first,1,\n2,Grace,2,\n1,last,3,\n");

    load(EtlPipeline.into(TARGET.deduplicating(Dedupe.FIRST_WINS)).transformedBy(CUSTOMERS), file);

    assertThat(sql.value("SELECT name FROM customers WHERE id = 1")).isEqualTo("first");
  }

  @Test
  void keyedTargetRefusesToKeepDuplicates() {
    assertThatThrownBy(() -> TARGET.deduplicating(Dedupe.NONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a keyed load into customers needs FIRST_WINS or LAST_WINS de-duplication");
  }

  @Test
  void rowsWhoseValuesDidNotChangeAreNeitherRewrittenNorCounted() throws IOException {
    sql.execute(
        "INSERT INTO customers VALUES (1, 'Ada', 1, NULL), (2, 'Grace', 2, NULL)",
        "CREATE TABLE snapshot AS SELECT id, xmin::text AS version FROM customers");
    final Path file = csv("id,name,balance,joined\n1,Ada,1.00,\n2,Grace Hopper,2,\n");

    final RunStatistics stats = load(EtlPipeline.into(TARGET).transformedBy(CUSTOMERS), file);

    assertThat(stats.rowsUpdated()).isEqualTo(1);
    assertThat(stats.rowsInserted()).isZero();
    assertThat(
            sql.rows(
                "SELECT c.id, c.xmin::text = s.version AS untouched FROM customers c"
                    + " JOIN snapshot s USING (id) ORDER BY c.id"))
        .containsExactly(Map.of("id", 1L, "untouched", true), Map.of("id", 2L, "untouched", false));
  }

  @Test
  void columnsWithoutEqualityAreUpdatedWithoutComparison() throws IOException {
    sql.execute(
        "CREATE TABLE documents (id int PRIMARY KEY, body json)",
        "INSERT INTO documents VALUES (1, '{\"v\": 1}')");
    final Path file = csv("id,body\n1,\"{\"\"v\"\": 2}\"\n");

    final RunStatistics stats =
        load(EtlPipeline.into(PostgresTarget.table("public", "documents").upsertOn("id")), file);

    assertThat(stats.rowsUpdated()).isEqualTo(1);
    assertThat(sql.value("SELECT body->>'v' FROM documents")).isEqualTo("2");
  }

  @Test
  void badRowsGoToTheRejectFileWithLineAndReasonAndTheRunContinues() throws IOException {
    final Path file =
        csv(
            "id,name,balance,joined\n1,Ada,1,\n2,Grace,lots,\n3,Linus\n4,Ken,4,30/02/2020\n5,,5,\n");
    final Path rejects = dir.resolve("rejects.csv");

    final RunStatistics stats;
    try (RejectFile sink = RejectFile.create(rejects)) {
      stats =
          load(
              EtlPipeline.into(TARGET)
                  .transformedBy(CUSTOMERS)
                  .rejecting(sink, RejectThreshold.atMost(3)),
              file);
    }

    assertThat(sql.rows("SELECT id FROM customers ORDER BY id"))
        .containsExactly(Map.of("id", 1L), Map.of("id", 5L));
    assertThat(stats.rowsRead()).isEqualTo(5);
    assertThat(stats.rowsRejected()).isEqualTo(3);
    assertThat(stats.rowsInserted()).isEqualTo(2);
    assertThat(Files.readAllLines(rejects))
        .containsExactly(
            "line,reason,record",
            "3,column 'balance': 'lots' is not a number,"
                + "\"{\"\"id\"\":\"\"2\"\",\"\"name\"\":\"\"Grace\"\",\"\"balance\"\":\"\"lots\"\","
                + "\"\"joined\"\":\"\"\"\"}\"",
            "4,\"expected 4 fields, found 2\","
                + "\"{\"\"id\"\":\"\"3\"\",\"\"name\"\":\"\"Linus\"\",\"\"balance\"\":null,"
                + "\"\"joined\"\":null}\"",
            "5,column 'joined': '30/02/2020' is not a date in format dd/MM/yyyy,"
                + "\"{\"\"id\"\":\"\"4\"\",\"\"name\"\":\"\"Ken\"\",\"\"balance\"\":\"\"4\"\","
                + "\"\"joined\"\":\"\"30/02/2020\"\"}\"");
  }

  @Test
  void rejectCountAboveTheThresholdFailsTheRunAndLeavesTheTargetUntouched() throws IOException {
    sql.execute("INSERT INTO customers VALUES (9, 'before', 0, NULL)");
    final Path file = csv("id,name,balance,joined\n1,Ada,1,\n2,Grace,x,\n3,Linus,y,\n4,Ken,4,\n");

    assertThatThrownBy(
            () ->
                load(
                    EtlPipeline.into(TARGET)
                        .transformedBy(CUSTOMERS)
                        .rejecting(
                            io.flowdesk.connectors.etl.reject.RejectSink.discard(),
                            RejectThreshold.atMost(1)),
                    file))
        .isInstanceOf(EtlException.class)
        .hasMessageStartingWith(
            "Too many rejected rows: 2, more than the 1 allowed; first at line 3:"
                + " column 'balance': 'x' is not a number");
    assertThat(sql.rows("SELECT id, name FROM customers"))
        .containsExactly(Map.of("id", 9L, "name", "before"));
  }

  @Test
  void rejectPercentageAboveTheThresholdFailsTheRun() throws IOException {
    final Path file = csv("id,name,balance,joined\n1,Ada,1,\n2,Grace,x,\n3,Linus,3,\n4,Ken,4,\n");

    assertThatThrownBy(
            () ->
                load(
                    EtlPipeline.into(TARGET)
                        .transformedBy(CUSTOMERS)
                        .rejecting(
                            io.flowdesk.connectors.etl.reject.RejectSink.discard(),
                            RejectThreshold.atMostPercent(20)),
                    file))
        .isInstanceOf(EtlException.class)
        .hasMessageStartingWith(
            "Too many rejected rows: 1 of 4 (25.0 %), more than the 20.0 % allowed");
    assertThat(customers()).isEmpty();
  }

  @Test
  void rejectPercentageWithinTheThresholdLoadsTheRest() throws IOException {
    final Path file = csv("id,name,balance,joined\n1,Ada,1,\n2,Grace,x,\n3,Linus,3,\n4,Ken,4,\n");

    final RunStatistics stats =
        load(
            EtlPipeline.into(TARGET)
                .transformedBy(CUSTOMERS)
                .rejecting(
                    io.flowdesk.connectors.etl.reject.RejectSink.discard(),
                    RejectThreshold.atMostPercent(25)),
            file);

    assertThat(stats.rowsInserted()).isEqualTo(3);
  }

  @Test
  void rejectsInATableSurviveTheFailedRun() throws IOException {
    final Path file = csv("id,name,balance,joined\n1,Ada,x,\n");

    try (RejectTable sink = RejectTable.open(database, "public", "etl_rejects", "run-1")) {
      assertThatThrownBy(
              () ->
                  load(
                      EtlPipeline.into(TARGET)
                          .transformedBy(CUSTOMERS)
                          .rejecting(sink, RejectThreshold.none()),
                      file))
          .isInstanceOf(EtlException.class)
          .hasMessageEndingWith("Rejects were written to table \"public\".\"etl_rejects\"");
    }

    assertThat(
            sql.rows("SELECT run_id, line, reason, record->>'balance' AS balance FROM etl_rejects"))
        .containsExactly(
            Map.of(
                "run_id", "run-1",
                "line", 2L,
                "reason", "column 'balance': 'x' is not a number",
                "balance", "x"));
  }

  @Test
  void failureMidwayLeavesTargetUnchangedAndNoStagingBehind() throws IOException, SQLException {
    sql.execute("INSERT INTO customers VALUES (9, 'before', 0, NULL)");
    final StringBuilder content = new StringBuilder("id,name,balance,joined\n");
    for (int i = 1; i <= 500; i++) {
      content.append(i).append(",name").append(i).append(",1,\n");
    }
    content.append("501,\"unclosed,1,\n");
    final Path file = csv(content.toString());

    try (Connection connection = database.getConnection()) {
      assertThatThrownBy(
              () -> {
                try (CsvSource source = CsvSource.open(file, CsvOptions.withHeaderLine())) {
                  EtlPipeline.into(TARGET).transformedBy(CUSTOMERS).run(source, connection);
                }
              })
          .isInstanceOf(EtlException.class)
          .hasMessageContaining("malformed in the record starting at line 502");

      // Same session: a temporary staging table would still be visible here had it leaked.
      try (var statement = connection.createStatement();
          var staging =
              statement.executeQuery(
                  "SELECT count(*) FROM pg_class WHERE relname LIKE 'flowdesk_etl_stage%'")) {
        staging.next();
        assertThat(staging.getLong(1)).isZero();
      }
      assertThat(connection.getAutoCommit()).isTrue();
    }
    assertThat(sql.rows("SELECT id, name FROM customers"))
        .containsExactly(Map.of("id", 9L, "name", "before"));
  }

  @Test
  void failureInTheMergeLeavesTargetAndAddedColumnsUnchanged() throws IOException {
    sql.execute("ALTER TABLE customers ADD CONSTRAINT positive CHECK (balance >= 0)");
    sql.execute("INSERT INTO customers VALUES (9, 'before', 0, NULL)");
    final Path file = csv("id,name,balance,joined,tier\n1,Ada,1,,gold\n2,Grace,-5,,silver\n");

    assertThatThrownBy(
            () ->
                load(
                    EtlPipeline.into(TARGET.addingMissingColumns(true))
                        .transformedBy(
                            RowTransform.builder()
                                .column("id", ColumnType.bigint())
                                .column("name", ColumnType.text())
                                .column("balance", ColumnType.numeric())
                                .column("tier", ColumnType.text())
                                .build()),
                    file))
        .isInstanceOf(EtlException.class)
        .hasMessageContaining("Loading into public.customers failed")
        .hasMessageContaining("positive");
    assertThat(sql.rows("SELECT id, name FROM customers"))
        .containsExactly(Map.of("id", 9L, "name", "before"));
    assertThat(
            sql.value(
                "SELECT count(*) FROM information_schema.columns"
                    + " WHERE table_name = 'customers' AND column_name = 'tier'"))
        .isEqualTo(0L);
  }

  @Test
  void newSourceColumnsAreAddedWhenSchemaEvolutionIsOn() throws IOException {
    final Path file = csv("id,name,score,vip\n1,Ada,7,yes\n");

    load(
        EtlPipeline.into(TARGET.addingMissingColumns(true))
            .transformedBy(
                RowTransform.builder()
                    .column("id", ColumnType.bigint())
                    .column("name", ColumnType.text())
                    .column("score", ColumnType.integer())
                    .column("vip", ColumnType.bool())
                    .build()),
        file);

    assertThat(sql.rows("SELECT id, name, score, vip FROM customers"))
        .containsExactly(Map.of("id", 1L, "name", "Ada", "score", 7, "vip", true));
    assertThat(
            sql.value(
                "SELECT data_type FROM information_schema.columns"
                    + " WHERE table_name = 'customers' AND column_name = 'score'"))
        .isEqualTo("integer");
  }

  @Test
  void unknownColumnsWithoutSchemaEvolutionFailNamingThem() throws IOException {
    final Path file = csv("id,name,score,vip\n1,Ada,7,yes\n");

    assertThatThrownBy(() -> load(EtlPipeline.into(TARGET), file))
        .isInstanceOf(EtlException.class)
        .hasMessageStartingWith(
            "Target table public.customers has no column(s) [score, vip]"
                + " (it has [id, name, balance, joined])");
    assertThat(
            sql.value(
                "SELECT count(*) FROM information_schema.columns"
                    + " WHERE table_name = 'customers'"))
        .isEqualTo(4L);
  }

  @Test
  void wrongFieldCountFailsAStrictRunNamingTheLine() throws IOException {
    final Path file = csv("id,name,balance,joined\n1,Ada,1,\n2,Grace,2,,extra\n");

    assertThatThrownBy(() -> load(EtlPipeline.into(TARGET).transformedBy(CUSTOMERS), file))
        .isInstanceOf(EtlException.class)
        .hasMessageStartingWith(
            "Too many rejected rows: 1, more than the 0 allowed;"
                + " first at line 3: expected 4 fields, found 5");
    assertThat(customers()).isEmpty();
  }

  @Test
  void invalidEncodingFailsTheRunNamingTheLineAndLoadsNothing() throws IOException {
    final Path file = dir.resolve("latin1.csv");
    Files.write(
        file,
        "id,name,balance,joined\n1,Ada,1,\n2,Jos\u00e9,2,\n".getBytes(StandardCharsets.ISO_8859_1));

    assertThatThrownBy(() -> load(EtlPipeline.into(TARGET).transformedBy(CUSTOMERS), file))
        .isInstanceOf(EtlException.class)
        .hasMessage("CSV " + file + ": bytes at line 3 (byte offset 37) are not valid UTF-8");
    assertThat(customers()).isEmpty();
  }

  @Test
  void missingTargetTableFailsBeforeReadingTheSource() throws IOException {
    final Path file = csv("id,name\n1,Ada\n");

    assertThatThrownBy(
            () -> load(EtlPipeline.into(PostgresTarget.table("public", "nowhere")), file))
        .isInstanceOf(EtlException.class)
        .hasMessage("Target table public.nowhere does not exist");
  }

  @Test
  void upsertWithoutAUniqueKeyOnTheKeyColumnsFailsNamingThem() throws IOException {
    final Path file = csv("id,name\n1,Ada\n");

    assertThatThrownBy(
            () ->
                load(
                    EtlPipeline.into(PostgresTarget.table("public", "customers").upsertOn("name")),
                    file))
        .isInstanceOf(EtlException.class)
        .hasMessageContaining("has no unique constraint or index on exactly [name]");
  }

  @Test
  void nastyColumnAndTableNamesAreOnlyEverNames() throws IOException {
    sql.execute("CREATE TABLE victims (id int)", "INSERT INTO victims VALUES (1)");
    sql.execute("CREATE TABLE \"odd \"\"table\"\"; --\" (id bigint PRIMARY KEY)");
    final String nasty = "x\"); DROP TABLE victims; --";
    final Path file =
        csv("id,\"" + nasty.replace("\"", "\"\"") + "\"\n1,\"'); DELETE FROM victims; --\"\n");

    final RunStatistics stats =
        load(
            EtlPipeline.into(
                PostgresTarget.table("public", "odd \"table\"; --")
                    .upsertOn("id")
                    .addingMissingColumns(true)),
            file);

    assertThat(stats.rowsInserted()).isEqualTo(1);
    assertThat(sql.rows("SELECT * FROM \"odd \"\"table\"\"; --\""))
        .containsExactly(Map.of("id", 1L, nasty, "'); DELETE FROM victims; --"));
    assertThat(sql.value("SELECT count(*) FROM victims")).isEqualTo(1L);
  }

  @Test
  void textValuesKeepEmptyStringsQuotesAndLineBreaks() throws IOException {
    sql.execute("CREATE TABLE notes (id int PRIMARY KEY, body text)");
    final Path file = csv("id,body\n1,\"\"\n2,\"say \"\"hi\"\",\nbye\\\"\n3,\\N\n");

    load(
        EtlPipeline.into(PostgresTarget.table("public", "notes").upsertOn("id"))
            .transformedBy(
                RowTransform.builder()
                    .column("id", ColumnType.integer())
                    .column("body", ColumnType.text())
                    .build()),
        file);

    assertThat(sql.rows("SELECT body FROM notes ORDER BY id"))
        .extracting(row -> row.get("body"))
        .containsExactly("", "say \"hi\",\nbye\\", "\\N");
  }

  @Test
  void nullKeyRejectsTheRow() throws IOException {
    final Path file = csv("id,name,balance,joined\n,Ada,1,\n2,Grace,2,\n");

    final RunStatistics stats =
        load(
            EtlPipeline.into(TARGET)
                .transformedBy(CUSTOMERS)
                .rejecting(
                    io.flowdesk.connectors.etl.reject.RejectSink.discard(),
                    RejectThreshold.unlimited()),
            file);

    assertThat(stats.rowsRejected()).isEqualTo(1);
    assertThat(stats.rowsInserted()).isEqualTo(1);
  }

  @Test
  void filteredRowsAreCountedAndNotLoaded() throws IOException {
    final Path file = csv("id,name,balance,joined\n1,Ada,1,\n2,Grace,-2,\n");

    final RunStatistics stats =
        load(
            EtlPipeline.into(TARGET)
                .transformedBy(
                    RowTransform.builder()
                        .column("id", ColumnType.bigint())
                        .column("name", ColumnType.text())
                        .column("balance", ColumnType.numeric())
                        .filter(row -> ((BigDecimal) row.get("balance")).signum() > 0)
                        .build()),
            file);

    assertThat(stats.rowsFiltered()).isEqualTo(1);
    assertThat(sql.rows("SELECT id FROM customers")).containsExactly(Map.of("id", 1L));
  }
}
