package io.flowdesk.workers.cmdb;

import io.flowdesk.connectors.etl.extract.CsvOptions;
import io.flowdesk.connectors.etl.extract.CsvSource;
import io.flowdesk.connectors.etl.extract.JdbcQuery;
import io.flowdesk.connectors.etl.extract.JdbcSource;
import io.flowdesk.connectors.etl.extract.JsonApiRequest;
import io.flowdesk.connectors.etl.extract.JsonApiSource;
import io.flowdesk.connectors.etl.extract.RowSource;
import io.flowdesk.connectors.etl.load.SqlIdentifier;
import io.flowdesk.workers.InvalidJobInputException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.util.Locale;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Opens an import's input with the ETL connector's extract: {@code csv} a file or download with a
 * header line, {@code json} an HTTP JSON API (records at a JSON pointer), {@code table} a table of
 * the ETL database in one of the schemas ETL may use (what an earlier {@code flowdesk:etl} step
 * loaded, or a view over another system's export), so a process reads no other table.
 */
final class ImportSourceReader {

  private final DataSource etlDatabase;
  private final Set<String> allowedSchemas;
  private final HttpClient http;

  ImportSourceReader(
      final DataSource etlDatabase, final Set<String> allowedSchemas, final HttpClient http) {
    this.etlDatabase = etlDatabase;
    this.allowedSchemas = Set.copyOf(allowedSchemas);
    this.http = http;
  }

  /**
   * @param input the job input that names the location, for messages
   */
  RowSource open(
      final String input,
      final String location,
      final String format,
      final char delimiter,
      final String recordsAt) {
    return switch (format.toLowerCase(Locale.ROOT)) {
      case "csv" ->
          CsvSource.open(
              uri(input, location), CsvOptions.withHeaderLine().delimitedBy(delimiter), http);
      case "json" ->
          JsonApiSource.open(
              http,
              JsonApiRequest.of(uri(input, location))
                  .recordsAt(recordsAt == null ? "" : recordsAt));
      case "table" ->
          JdbcSource.open(etlDatabase, JdbcQuery.all("SELECT * FROM " + table(input, location)));
      default ->
          throw new InvalidJobInputException(
              "input 'format' must be csv, json or table, was '" + format + "'");
    };
  }

  private String table(final String input, final String qualified) {
    final String[] parts = qualified.split("\\.");
    if (parts.length != 2) {
      throw new InvalidJobInputException(
          "input '" + input + "' must be schema.table for format table, was '" + qualified + "'");
    }
    if (!allowedSchemas.contains(parts[0])) {
      throw new InvalidJobInputException(
          "input '"
              + input
              + "': schema '"
              + parts[0]
              + "' is not one ETL may use "
              + allowedSchemas);
    }
    return SqlIdentifier.qualified(parts[0], parts[1]);
  }

  private static URI uri(final String input, final String text) {
    try {
      final URI uri = new URI(text);
      if (uri.getScheme() == null
          || !Set.of("file", "http", "https").contains(uri.getScheme().toLowerCase(Locale.ROOT))) {
        throw new InvalidJobInputException(
            "input '" + input + "' must be a file: or http(s): URL, was '" + text + "'");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new InvalidJobInputException("input '" + input + "' is not a URL: " + e.getMessage());
    }
  }
}
