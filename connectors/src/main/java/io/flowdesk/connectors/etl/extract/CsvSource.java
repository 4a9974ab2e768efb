package io.flowdesk.connectors.etl.extract;

import io.flowdesk.connectors.etl.EtlException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a CSV file or an http(s) download record by record.
 *
 * <p>Malformed CSV (an unclosed quote, text after a closing quote) and bytes that are invalid in
 * the declared encoding fail the run with the line they are on: the parser cannot resynchronise
 * after them. A record with the wrong number of fields is handed on with a {@linkplain
 * SourceRow#defect() defect}, to be rejected.
 */
public final class CsvSource implements RowSource {

  private static final Duration DOWNLOAD_TIMEOUT = Duration.ofMinutes(30);

  private final String location;
  private final CSVParser parser;
  private final Iterator<CSVRecord> records;
  private final RowLayout layout;
  private SourceRow next;
  private long nextLine;

  private CsvSource(final String location, final InputStream in, final CsvOptions options) {
    this.location = location;
    try {
      this.parser =
          CSVParser.builder()
              .setReader(new StrictDecodingReader(in, options.encoding()))
              .setFormat(format(options))
              .get();
    } catch (IOException | UncheckedIOException e) {
      closeQuietly(in);
      throw new EtlException("Cannot read CSV " + location + ": " + e.getMessage(), e);
    }
    this.records = parser.iterator();
    try {
      this.layout = new RowLayout(columns(options));
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /** Opens a local CSV file. */
  public static CsvSource open(final Path file, final CsvOptions options) {
    try {
      return new CsvSource(file.toString(), Files.newInputStream(file), options);
    } catch (NoSuchFileException e) {
      throw new EtlException("CSV file " + file + " does not exist", e);
    } catch (IOException e) {
      throw new EtlException("Cannot open CSV file " + file + ": " + e.getMessage(), e);
    }
  }

  /** Opens a {@code file:} URI or downloads an {@code http(s):} one, streaming the body. */
  public static CsvSource open(
      final URI location, final CsvOptions options, final HttpClient client) {
    final String scheme =
        location.getScheme() == null ? "" : location.getScheme().toLowerCase(java.util.Locale.ROOT);
    return switch (scheme) {
      case "file" -> open(Path.of(location), options);
      case "http", "https" ->
          new CsvSource(
              location.toString(),
              HttpGet.open(client, location, Map.of(), DOWNLOAD_TIMEOUT).body(),
              options);
      default ->
          throw new EtlException(
              "CSV location " + location + " is neither a file nor an http(s) URL");
    };
  }

  private static CSVFormat format(final CsvOptions options) {
    return CSVFormat.DEFAULT
        .builder()
        .setDelimiter(options.delimiter())
        .setQuote(options.quote())
        .setEscape(options.escape())
        .setNullString(options.nullString())
        .setIgnoreEmptyLines(true)
        .get();
  }

  private List<String> columns(final CsvOptions options) {
    if (!options.headerLine()) {
      return options.columns();
    }
    final CSVRecord header = nextRecord();
    if (header == null) {
      throw new EtlException("CSV " + location + " is empty: it has no header line");
    }
    if (!options.columns().isEmpty()) {
      return options.columns();
    }
    final List<String> names = new ArrayList<>();
    for (int i = 0; i < header.size(); i++) {
      final String name = header.get(i);
      if (name == null || name.isBlank()) {
        throw new EtlException(
            "CSV " + location + " header line has no name for column " + (i + 1));
      }
      names.add(name.strip());
    }
    try {
      return new RowLayout(names).columns();
    } catch (EtlException e) {
      throw new EtlException("CSV " + location + " header line: " + e.getMessage(), e);
    }
  }

  @Override
  public List<String> columns() {
    return layout.columns();
  }

  @Override
  public boolean hasNext() {
    if (next == null) {
      next = advance();
    }
    return next != null;
  }

  @Override
  public SourceRow next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    final SourceRow row = next;
    next = null;
    return row;
  }

  private SourceRow advance() {
    final CSVRecord record = nextRecord();
    if (record == null) {
      return null;
    }
    final int size = record.size();
    final Object[] values = new Object[layout.size()];
    for (int i = 0; i < Math.min(size, values.length); i++) {
      values[i] = record.get(i);
    }
    if (size != values.length) {
      return new SourceRow(
          nextLine, layout, values, "expected " + values.length + " fields, found " + size);
    }
    return new SourceRow(nextLine, layout, values);
  }

  /** The next record, or null at the end; {@link #nextLine} is set to the line it starts on. */
  private CSVRecord nextRecord() {
    // The parser has counted the line breaks consumed so far, so the next record starts after.
    nextLine = parser.getCurrentLineNumber() + 1;
    try {
      return records.hasNext() ? records.next() : null;
    } catch (UncheckedIOException | IllegalStateException e) {
      final Throwable cause = e.getCause() == null ? e : e.getCause();
      if (cause instanceof InvalidEncodingException) {
        throw new EtlException("CSV " + location + ": " + cause.getMessage(), e);
      }
      throw new EtlException(
          "CSV "
              + location
              + " is malformed in the record starting at line "
              + nextLine
              + ": "
              + cause.getMessage(),
          e);
    }
  }

  @Override
  public void close() {
    try {
      parser.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void closeQuietly(final InputStream in) {
    try {
      in.close();
    } catch (IOException ignored) {
      // The open failure is the error worth reporting.
    }
  }
}
