package io.flowdesk.workers.etl;

import io.flowdesk.connectors.etl.extract.CsvOptions;
import io.flowdesk.connectors.etl.extract.CsvSource;
import io.flowdesk.connectors.etl.extract.JdbcQuery;
import io.flowdesk.connectors.etl.extract.JdbcSource;
import io.flowdesk.connectors.etl.extract.JsonApiRequest;
import io.flowdesk.connectors.etl.extract.JsonApiSource;
import io.flowdesk.connectors.etl.extract.RowSource;
import io.flowdesk.connectors.etl.load.SqlIdentifier;
import io.flowdesk.workers.InvalidJobInputException;
import io.flowdesk.workers.JobInputs;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Opens a job's source with the ETL connector's extract, for the ETL and CMDB import workers: job
 * input {@code format} {@code csv} (default) a file or download with a header line ({@code
 * delimiter}, one character, comma by default), {@code json} an HTTP JSON API (records at the JSON
 * pointer {@code recordsAt}), {@code table} a table of the ETL database in one of the schemas ETL
 * may use (what an earlier {@code flowdesk:etl} step loaded, or a view over another system's
 * export), so a process reads no other table.
 */
public final class EtlSources {

  /** The job inputs that say how to read a source, besides its location. */
  public static final List<String> INPUTS = List.of("format", "delimiter", "recordsAt");

  private final DataSource etlDatabase;
  private final Set<String> allowedSchemas;
  private final HttpClient http;

  public EtlSources(
      final DataSource etlDatabase, final Set<String> allowedSchemas, final HttpClient http) {
    this.etlDatabase = etlDatabase;
    this.allowedSchemas = Set.copyOf(allowedSchemas);
    this.http = http;
  }

  /**
   * Opens the source whose location job input {@code input} names, read as the job's {@code
   * format}, {@code delimiter} and {@code recordsAt} say.
   *
   * @throws InvalidJobInputException naming the input that is wrong
   */
  public RowSource open(final JobInputs inputs, final String input) {
    final String location = inputs.text(input);
    final String delimiter = inputs.optionalText("delimiter").orElse(",");
    if (delimiter.length() != 1) {
      throw new InvalidJobInputException(
          "input 'delimiter' must be one character, was '" + delimiter + "'");
    }
    final String format = inputs.optionalText("format").orElse("csv");
    return switch (format.toLowerCase(Locale.ROOT)) {
      case "csv" ->
          CsvSource.open(
              uri(input, location),
              CsvOptions.withHeaderLine().delimitedBy(delimiter.charAt(0)),
              http);
      case "json" ->
          JsonApiSource.open(
              http,
              JsonApiRequest.of(uri(input, location))
                  .recordsAt(inputs.optionalText("recordsAt").orElse("")));
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
