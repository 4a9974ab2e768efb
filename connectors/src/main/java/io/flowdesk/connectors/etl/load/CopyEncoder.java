package io.flowdesk.connectors.etl.load;

import java.math.BigDecimal;
import java.time.temporal.TemporalAccessor;

/**
 * Encodes typed values as one line of PostgreSQL's {@code COPY ... (FORMAT csv)} input: NULL is an
 * empty unquoted field and every text is quoted, so an empty string stays an empty string.
 */
final class CopyEncoder {

  private CopyEncoder() {}

  /**
   * Appends {@code values} and {@code line} (the staging table's last column) as a CSV line.
   *
   * @throws IllegalArgumentException for text PostgreSQL cannot store (a NUL character)
   */
  static void appendLine(final StringBuilder out, final Object[] values, final long line) {
    for (final Object value : values) {
      append(out, value);
      out.append(',');
    }
    out.append(line).append('\n');
  }

  private static void append(final StringBuilder out, final Object value) {
    if (value == null) {
      return;
    }
    if (value instanceof Integer || value instanceof Long) {
      out.append(value);
    } else if (value instanceof BigDecimal decimal) {
      out.append(decimal.toPlainString());
    } else if (value instanceof Boolean bool) {
      out.append(bool ? 't' : 'f');
    } else if (value instanceof TemporalAccessor || value instanceof Number) {
      // ISO-8601 text and Java number text are both PostgreSQL input syntax and need no quotes.
      out.append(value);
    } else if (value instanceof byte[] bytes) {
      appendHex(out, bytes);
    } else {
      appendQuoted(out, value.toString());
    }
  }

  private static void appendQuoted(final StringBuilder out, final String text) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      final char c = text.charAt(i);
      if (c == '"') {
        out.append('"');
      } else if (c == '\0') {
        throw new IllegalArgumentException(
            "text contains a NUL character, which PostgreSQL cannot store");
      }
      out.append(c);
    }
    out.append('"');
  }

  private static void appendHex(final StringBuilder out, final byte[] bytes) {
    final String digits = "0123456789abcdef";
    out.append("\\x");
    for (final byte b : bytes) {
      out.append(digits.charAt((b >> 4) & 0xF)).append(digits.charAt(b & 0xF));
    }
  }
}
