package io.flowdesk.connectors.etl.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowdesk.connectors.etl.EtlException;
import io.flowdesk.connectors.etl.TestHttpServer;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvSourceTest {

  @TempDir Path dir;

  private Path file(final String content) throws IOException {
    return Files.writeString(dir.resolve("input.csv"), content, StandardCharsets.UTF_8);
  }

  private static List<SourceRow> readAll(final RowSource source) {
    final List<SourceRow> rows = new ArrayList<>();
    try (source) {
      source.forEachRemaining(rows::add);
    }
    return rows;
  }

  @Test
  void headerLineNamesTheColumnsAndRecordsCarryTheirLineNumbers() throws IOException {
    final Path csv = file("id,name\n1,Ada\n2,\"Grace\nHopper\"\n3,Linus\n");

    final List<SourceRow> rows = readAll(CsvSource.open(csv, CsvOptions.withHeaderLine()));

    assertThat(rows)
        .extracting(row -> row.get("name"))
        .containsExactly("Ada", "Grace\nHopper", "Linus");
    assertThat(rows).extracting(SourceRow::line).containsExactly(2L, 3L, 5L);
    assertThat(rows.get(0).layout().columns()).containsExactly("id", "name");
  }

  @Test
  void explicitColumnsNameAFileWithoutHeader() throws IOException {
    final Path csv = file("1;Ada\n2;Grace\n");

    final List<SourceRow> rows =
        readAll(
            CsvSource.open(csv, CsvOptions.withColumns(List.of("id", "name")).delimitedBy(';')));

    assertThat(rows).extracting(row -> row.get("id")).containsExactly("1", "2");
    assertThat(rows).extracting(SourceRow::line).containsExactly(1L, 2L);
  }

  @Test
  void explicitColumnsReplaceAHeaderLine() throws IOException {
    final Path csv = file("ID,Full Name\n1,Ada\n");

    final List<SourceRow> rows =
        readAll(
            CsvSource.open(csv, CsvOptions.withHeaderLine().namingColumns(List.of("id", "name"))));

    assertThat(rows.get(0).asMap()).containsEntry("id", "1").containsEntry("name", "Ada");
  }

  @Test
  void quoteEscapeAndNullOptionsAreHonoured() throws IOException {
    final Path csv = file("a|b|c\n'x|y'|it\\'s|NULL\n");

    final List<SourceRow> rows =
        readAll(
            CsvSource.open(
                csv,
                CsvOptions.withHeaderLine()
                    .delimitedBy('|')
                    .quotedBy('\'')
                    .escapedBy('\\')
                    .treatingAsNull("NULL")));

    assertThat(rows.get(0).asMap())
        .containsEntry("a", "x|y")
        .containsEntry("b", "it's")
        .containsEntry("c", null);
  }

  @Test
  void declaredEncodingDecodesTheBytes() throws IOException {
    final Path csv = dir.resolve("latin1.csv");
    Files.write(csv, "name\nJosé\n".getBytes(StandardCharsets.ISO_8859_1));

    final List<SourceRow> rows =
        readAll(
            CsvSource.open(
                csv, CsvOptions.withHeaderLine().encodedIn(StandardCharsets.ISO_8859_1)));

    assertThat(rows.get(0).get("name")).isEqualTo("José");
  }

  @Test
  void leadingByteOrderMarkIsNotPartOfTheFirstColumnName() throws IOException {
    final Path csv = file("\uFEFFid,name\n1,Ada\n");

    final List<SourceRow> rows = readAll(CsvSource.open(csv, CsvOptions.withHeaderLine()));

    assertThat(rows.get(0).get("id")).isEqualTo("1");
  }

  @Test
  void recordWithWrongFieldCountIsHandedOnWithADefect() throws IOException {
    final Path csv = file("id,name\n1,Ada\n2,Grace,extra\n3\n");

    final List<SourceRow> rows = readAll(CsvSource.open(csv, CsvOptions.withHeaderLine()));

    assertThat(rows.get(0).defect()).isEmpty();
    assertThat(rows.get(1).defect()).contains("expected 2 fields, found 3");
    assertThat(rows.get(2).defect()).contains("expected 2 fields, found 1");
    assertThat(rows.get(2).line()).isEqualTo(4);
  }

  @Test
  void unclosedQuoteFailsNamingTheLineWhereTheRecordStarts() throws IOException {
    final Path csv = file("id,name\n1,Ada\n2,\"Grace\n3,Linus\n");

    assertThatThrownBy(() -> readAll(CsvSource.open(csv, CsvOptions.withHeaderLine())))
        .isInstanceOf(EtlException.class)
        .hasMessageContaining(csv.toString())
        .hasMessageContaining("malformed in the record starting at line 3")
        .hasMessageContaining("EOF reached before encapsulated token finished");
  }

  @Test
  void invalidBytesFailNamingTheirLineAfterTheGoodRecordsBeforeThem() throws IOException {
    final Path csv = dir.resolve("broken.csv");
    final StringBuilder good = new StringBuilder("id,name\n");
    for (int i = 1; i <= 2_000; i++) {
      good.append(i).append(",name").append(i).append('\n');
    }
    final byte[] head = good.toString().getBytes(StandardCharsets.UTF_8);
    final byte[] bad = {'2', '0', '0', '1', ',', (byte) 0xC3, (byte) 0x28, '\n'};
    final byte[] bytes = new byte[head.length + bad.length];
    System.arraycopy(head, 0, bytes, 0, head.length);
    System.arraycopy(bad, 0, bytes, head.length, bad.length);
    Files.write(csv, bytes);
    final List<SourceRow> read = new ArrayList<>();

    assertThatThrownBy(
            () -> {
              try (CsvSource source = CsvSource.open(csv, CsvOptions.withHeaderLine())) {
                source.forEachRemaining(read::add);
              }
            })
        .isInstanceOf(EtlException.class)
        .hasMessageContaining("line 2002")
        .hasMessageContaining("not valid UTF-8");
    assertThat(read).hasSize(2_000);
  }

  @Test
  void duplicateHeaderNamesFailNamingTheColumn() throws IOException {
    final Path csv = file("id,name,id\n1,a,2\n");

    assertThatThrownBy(() -> CsvSource.open(csv, CsvOptions.withHeaderLine()))
        .isInstanceOf(EtlException.class)
        .hasMessageContaining("header line")
        .hasMessageContaining("'id' appears more than once");
  }

  @Test
  void missingFileFailsNamingIt() {
    final Path csv = dir.resolve("absent.csv");

    assertThatThrownBy(() -> CsvSource.open(csv, CsvOptions.withHeaderLine()))
        .isInstanceOf(EtlException.class)
        .hasMessage("CSV file " + csv + " does not exist");
  }

  @Test
  void csvIsDownloadedFromAnHttpUrl() {
    try (TestHttpServer server = new TestHttpServer()) {
      server.on("/export.csv", TestHttpServer.Response.ok("id,name\n1,Ada\n2,Grace\n"));

      final List<SourceRow> rows =
          readAll(
              CsvSource.open(
                  server.uri("/export.csv"),
                  CsvOptions.withHeaderLine(),
                  HttpClient.newHttpClient()));

      assertThat(rows).extracting(row -> row.get("name")).containsExactly("Ada", "Grace");
    }
  }

  @Test
  void httpErrorFailsNamingUrlAndStatus() {
    try (TestHttpServer server = new TestHttpServer()) {
      assertThatThrownBy(
              () ->
                  CsvSource.open(
                      server.uri("/missing.csv"),
                      CsvOptions.withHeaderLine(),
                      HttpClient.newHttpClient()))
          .isInstanceOf(EtlException.class)
          .hasMessageContaining("GET " + server.uri("/missing.csv") + " answered HTTP 404");
    }
  }
}
