package io.flowdesk.app.audit;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * The trail's entries as a file for admins: CSV (one row per entry, before/after as JSON text) or
 * JSON (an array of entries), written as the entries are read.
 */
enum AuditExport {
  CSV("text/csv;charset=UTF-8", "csv"),
  JSON("application/json", "json");

  private static final List<String> HEADER =
      List.of("id", "at", "actor", "action", "target", "before", "after");

  final String contentType;
  final String extension;

  AuditExport(final String contentType, final String extension) {
    this.contentType = contentType;
    this.extension = extension;
  }

  /**
   * @throws IllegalArgumentException for a format other than csv and json
   */
  static AuditExport of(final String format) {
    try {
      return valueOf(format.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "'" + format + "' is not an export format; give csv or json.", e);
    }
  }

  /** Writes every entry {@code trail} hands over for {@code filter} to {@code out}. */
  void write(
      final AdminAuditTrail trail,
      final AuditFilter filter,
      final ObjectMapper json,
      final OutputStream out)
      throws IOException {
    if (this == CSV) {
      writeCsv(trail, filter, json, out);
    } else {
      writeJson(trail, filter, json, out);
    }
  }

  private static void writeCsv(
      final AdminAuditTrail trail,
      final AuditFilter filter,
      final ObjectMapper json,
      final OutputStream out)
      throws IOException {
    final Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    row(writer, HEADER);
    try {
      trail.each(
          filter,
          entry -> {
            try {
              row(
                  writer,
                  List.of(
                      Long.toString(entry.id()),
                      entry.at().toString(),
                      entry.actor(),
                      entry.action(),
                      entry.target(),
                      json.writeValueAsString(entry.before()),
                      json.writeValueAsString(entry.after())));
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    writer.flush();
  }

  private static void row(final Writer writer, final List<String> cells) throws IOException {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        writer.write(',');
      }
      writer.write(cell(cells.get(i)));
    }
    writer.write("\r\n");
  }

  /**
   * A CSV cell (RFC 4180, always quoted) that a spreadsheet shows as text: a value starting with
   * {@code = + - @}, a tab or a carriage return would otherwise be taken as a formula (CSV
   * injection), so it gets a leading apostrophe.
   */
  static String cell(final String value) {
    String text = value == null ? "" : value;
    if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
      text = "'" + text;
    }
    return '"' + text.replace("\"", "\"\"") + '"';
  }

  private static void writeJson(
      final AdminAuditTrail trail,
      final AuditFilter filter,
      final ObjectMapper json,
      final OutputStream out)
      throws IOException {
    try (JsonGenerator generator = json.getFactory().createGenerator(out)) {
      generator.writeStartArray();
      try {
        trail.each(
            filter,
            entry -> {
              try {
                json.writeValue(generator, entry);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
      } catch (UncheckedIOException e) {
        throw e.getCause();
      }
      generator.writeEndArray();
    }
  }
}
