package io.flowdesk.app.report;

import java.util.List;

/**
 * RFC 4180 CSV for spreadsheets: every cell quoted, quotes doubled, lines ended with CRLF. A text
 * cell starting with {@code = + - @} (or a tab or carriage return) gets a leading apostrophe, so
 * that a spreadsheet shows it as text instead of running it as a formula (CSV injection); numbers
 * are written as they are.
 */
final class Csv {

  private Csv() {}

  static String of(final List<String> header, final List<List<Object>> rows) {
    final StringBuilder csv = new StringBuilder();
    line(csv, List.copyOf(header));
    rows.forEach(row -> line(csv, row));
    return csv.toString();
  }

  private static void line(final StringBuilder csv, final List<?> cells) {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        csv.append(',');
      }
      csv.append('"').append(cell(cells.get(i)).replace("\"", "\"\"")).append('"');
    }
    csv.append("\r\n");
  }

  static String cell(final Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof Number) {
      return value.toString();
    }
    final String text = value.toString();
    return !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
  }
}
