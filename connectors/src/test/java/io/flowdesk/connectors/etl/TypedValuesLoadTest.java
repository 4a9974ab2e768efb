package io.flowdesk.connectors.etl;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowdesk.connectors.etl.extract.CsvOptions;
import io.flowdesk.connectors.etl.extract.CsvSource;
import io.flowdesk.connectors.etl.load.PostgresTarget;
import io.flowdesk.connectors.etl.reject.RejectFile;
import io.flowdesk.connectors.etl.reject.RejectThreshold;
import io.flowdesk.connectors.etl.transform.ColumnType;
import io.flowdesk.connectors.etl.transform.RowTransform;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.PGConnection;

/**
 * Cast values reach the target exactly as PostgreSQL reads the same text itself, whichever way the
 * rows travel to the staging table: PostgreSQL's binary copy format (when every column's type
 * allows it) or CSV text (here forced by a {@code smallint} column, which has no binary form).
 */
class TypedValuesLoadTest {

  private static final String HEADER = "id,amount,exact,flag,day,at,at_tz,label,note,rank\n";

  /** Edge values of every type; blank typed fields are NULL in both readings. */
  private static final String ROWS =
      "1,0,0,true,2024-02-29,2024-02-29 23:59:59,2024-05-01T10:00:00+02:00,a,plain,1\n"
          + "2,123.455,-0.5,f,0001-01-01,2000-01-01 00:00:00,1999-12-31T23:59:59.999999Z,"
          + "\"quote \"\"q\"\", comma\",\"Zoë ✓ 😀\",2\n"
          + "3,-99999.994,0.0005,yes,9999-12-31,1970-01-01T00:00:00.5,"
          + "2024-03-31T02:30:00.1234565+01:00,ascii,\"line\nbreak\",3\n"
          + "4,00012.50,1E+3,no,1999-12-31,2024-06-30 12:34:56.1234565,"
          + "1969-07-20T20:17:40-05:00,x,\"\",4\n"
          + "5,,12345678901234567890.123456789012,0,,2024-01-01 00:00:00.0000005,,y,z,\n"
          + "6,-0.00,-123456789.987654321,1,1900-03-01,1899-12-31T23:59:59.9999995,"
          + "2000-01-01T00:00:00.0000015+00:00,z,w,6\n";

  @TempDir Path dir;
  private DataSource database;
  private Sql sql;

  @BeforeEach
  void createDatabase() {
    database = TestPostgres.newDatabase();
    sql = new Sql(database);
  }

  private void createTable(final String name, final String rankType) {
    sql.execute(
        "CREATE TABLE "
            + name
            + " (id bigint PRIMARY KEY, amount numeric(12,2), exact numeric, flag boolean,"
            + " day date, at timestamp, at_tz timestamptz, label varchar(20), note text, rank "
            + rankType
            + ")");
  }

  private static RowTransform typed() {
    return RowTransform.builder()
        .column("id", ColumnType.bigint())
        .column("amount", ColumnType.numeric())
        .column("exact", ColumnType.numeric())
        .column("flag", ColumnType.bool())
        .column("day", ColumnType.date())
        .column("at", ColumnType.timestamp())
        .column("at_tz", ColumnType.timestampTz())
        .column("label", ColumnType.text())
        .column("note", ColumnType.text())
        .column("rank", ColumnType.integer())
        .build();
  }

  @ParameterizedTest
  @ValueSource(strings = {"integer", "smallint"})
  void castValuesArriveAsPostgresqlReadsTheirText(final String rankType)
      throws IOException, SQLException {
    createTable("loaded", rankType);
    createTable("read_by_postgres", rankType);
    final Path file = Files.writeString(dir.resolve("values.csv"), HEADER + ROWS);

    final RunStatistics stats = load("loaded", file, null);
    copyAsText("read_by_postgres", file);

    assertThat(stats.rowsInserted()).isEqualTo(6);
    assertThat(asJson("loaded")).isEqualTo(asJson("read_by_postgres")).hasSize(6);
    // Spot checks that the comparison itself is not vacuous.
    assertThat(sql.value("SELECT amount::text FROM loaded WHERE id = 2")).isEqualTo("123.46");
    assertThat(sql.value("SELECT exact::text FROM loaded WHERE id = 4")).isEqualTo("1000");
    assertThat(sql.value("SELECT note FROM loaded WHERE id = 2")).isEqualTo("Zoë ✓ 😀");
  }

  @ParameterizedTest
  @ValueSource(strings = {"integer", "smallint"})
  void textWithANulCharacterRejectsItsRowAndTheRestLoads(final String rankType) throws IOException {
    createTable("loaded", rankType);
    final Path file =
        Files.writeString(
            dir.resolve("nul.csv"),
            HEADER + "1,1,1,t,,,,a,\"before\0after\",1\n2,2,2,f,,,,b,fine,2\n");
    final Path rejects = dir.resolve("rejects.csv");

    final RunStatistics stats;
    try (RejectFile sink = RejectFile.create(rejects)) {
      stats = load("loaded", file, sink);
    }

    assertThat(stats.rowsRejected()).isEqualTo(1);
    assertThat(sql.rows("SELECT id, note FROM loaded"))
        .containsExactly(Map.of("id", 2L, "note", "fine"));
    assertThat(Files.readString(rejects))
        .contains("text contains a NUL character, which PostgreSQL cannot store");
  }

  private RunStatistics load(final String table, final Path file, final RejectFile rejects) {
    try (CsvSource source = CsvSource.open(file, CsvOptions.withHeaderLine())) {
      EtlPipeline pipeline =
          EtlPipeline.into(PostgresTarget.table("public", table).upsertOn("id"))
              .transformedBy(typed());
      if (rejects != null) {
        pipeline = pipeline.rejecting(rejects, RejectThreshold.atMost(1));
      }
      return pipeline.run(source, database);
    }
  }

  private void copyAsText(final String table, final Path file) throws IOException, SQLException {
    try (Connection connection = database.getConnection();
        Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      connection
          .unwrap(PGConnection.class)
          .getCopyAPI()
          .copyIn("COPY " + table + " FROM STDIN (FORMAT csv, HEADER true)", reader);
    }
  }

  private List<Object> asJson(final String table) {
    return sql.rows("SELECT row_to_json(t)::text AS row FROM " + table + " t ORDER BY id").stream()
        .map(row -> row.get("row"))
        .toList();
  }
}
