package io.flowdesk.connectors.etl.extract;

import io.flowdesk.connectors.etl.EtlException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * How to read a CSV input. Start from {@link #withHeaderLine()} (column names from the first line)
 * or {@link #withColumns(List)} (names given here) and adjust with the {@code with...} methods.
 *
 * @param delimiter field separator
 * @param quote quote character, or {@code null} for none
 * @param escape escape character inside quoted fields, or {@code null} for none (quotes are then
 *     escaped by doubling them)
 * @param encoding character set of the bytes; bytes that are not valid in it fail the run
 * @param headerLine whether the first line holds column names (skipped when {@code columns} is set)
 * @param columns explicit column names, or an empty list to take them from the header line
 * @param nullString field text that means SQL NULL, or {@code null} to keep every field as text
 */
public record CsvOptions(
    char delimiter,
    Character quote,
    Character escape,
    Charset encoding,
    boolean headerLine,
    List<String> columns,
    String nullString) {

  public CsvOptions {
    columns = List.copyOf(columns);
    if (encoding == null) {
      throw new EtlException("CSV options need an encoding");
    }
    if (!headerLine && columns.isEmpty()) {
      throw new EtlException("CSV without a header line needs explicit column names");
    }
  }

  /** Comma-separated, double quotes, UTF-8, column names from the first line. */
  public static CsvOptions withHeaderLine() {
    return new CsvOptions(',', '"', null, StandardCharsets.UTF_8, true, List.of(), null);
  }

  /** Comma-separated, double quotes, UTF-8, no header line, these column names. */
  public static CsvOptions withColumns(final List<String> columns) {
    return new CsvOptions(',', '"', null, StandardCharsets.UTF_8, false, columns, null);
  }

  public CsvOptions delimitedBy(final char newDelimiter) {
    return new CsvOptions(newDelimiter, quote, escape, encoding, headerLine, columns, nullString);
  }

  public CsvOptions quotedBy(final Character newQuote) {
    return new CsvOptions(delimiter, newQuote, escape, encoding, headerLine, columns, nullString);
  }

  public CsvOptions escapedBy(final Character newEscape) {
    return new CsvOptions(delimiter, quote, newEscape, encoding, headerLine, columns, nullString);
  }

  public CsvOptions encodedIn(final Charset newEncoding) {
    return new CsvOptions(delimiter, quote, escape, newEncoding, headerLine, columns, nullString);
  }

  /** Names the columns explicitly; a header line, if present, is skipped. */
  public CsvOptions namingColumns(final List<String> newColumns) {
    return new CsvOptions(delimiter, quote, escape, encoding, headerLine, newColumns, nullString);
  }

  public CsvOptions treatingAsNull(final String newNullString) {
    return new CsvOptions(delimiter, quote, escape, encoding, headerLine, columns, newNullString);
  }
}
