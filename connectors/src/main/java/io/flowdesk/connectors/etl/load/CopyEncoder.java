package io.flowdesk.connectors.etl.load;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.temporal.TemporalAccessor;
import java.util.Arrays;

/**
 * Encodes typed values as one UTF-8 line of PostgreSQL's {@code COPY ... (FORMAT csv)} input: NULL
 * is an empty unquoted field and every text is quoted, so an empty string stays an empty string.
 *
 * <p>The line is built in one reused byte array and handed to the copy stream whole. Writing bytes
 * directly, with the common values (whole numbers, ISO dates and timestamps, ASCII text) formatted
 * digit by digit, avoids a String, a char-to-byte encoder pass and {@code toString()} per value,
 * which together cost more than parsing the CSV.
 */
final class CopyEncoder implements StagingEncoder {

  private byte[] bytes = new byte[512];
  private int length;

  @Override
  public String copyOptions() {
    return "(FORMAT csv)";
  }

  @Override
  public void begin(final OutputStream out) {
    // CSV needs no header: the staging table's columns are given in order.
  }

  @Override
  public void encode(final Object[] values, final long line) {
    length = 0;
    for (final Object value : values) {
      append(value);
      put((byte) ',');
    }
    appendLong(line);
    put((byte) '\n');
  }

  @Override
  public void writeTo(final OutputStream out) throws IOException {
    out.write(bytes, 0, length);
  }

  @Override
  public void end(final OutputStream out) {
    // The end of the stream ends the data.
  }

  private void append(final Object value) {
    if (value == null) {
      return;
    }
    if (value instanceof String text) {
      appendQuoted(text);
    } else if (value instanceof Long number) {
      appendLong(number);
    } else if (value instanceof Integer number) {
      appendLong(number);
    } else if (value instanceof BigDecimal decimal) {
      appendAscii(decimal.toPlainString());
    } else if (value instanceof Boolean bool) {
      put(bool ? (byte) 't' : (byte) 'f');
    } else if (value instanceof LocalDate date && fourDigitYear(date)) {
      appendDate(date);
    } else if (value instanceof LocalDateTime timestamp && fourDigitYear(timestamp.toLocalDate())) {
      appendDate(timestamp.toLocalDate());
      put((byte) ' ');
      appendTime(timestamp.toLocalTime());
    } else if (value instanceof TemporalAccessor || value instanceof Number) {
      // ISO-8601 text and Java number text are both PostgreSQL input syntax and need no quotes.
      appendAscii(value.toString());
    } else if (value instanceof byte[] binary) {
      appendHex(binary);
    } else {
      appendQuoted(value.toString());
    }
  }

  private static boolean fourDigitYear(final LocalDate date) {
    return date.getYear() >= 1 && date.getYear() <= 9999;
  }

  private void appendDate(final LocalDate date) {
    appendDigits(date.getYear(), 4);
    put((byte) '-');
    appendDigits(date.getMonthValue(), 2);
    put((byte) '-');
    appendDigits(date.getDayOfMonth(), 2);
  }

  private void appendTime(final LocalTime time) {
    appendDigits(time.getHour(), 2);
    put((byte) ':');
    appendDigits(time.getMinute(), 2);
    put((byte) ':');
    appendDigits(time.getSecond(), 2);
    final int nanos = time.getNano();
    if (nanos != 0) {
      put((byte) '.');
      appendDigits(nanos, 9);
    }
  }

  /** {@code value} (not negative) as exactly {@code width} digits, zero-padded. */
  private void appendDigits(final int value, final int width) {
    ensure(width);
    int rest = value;
    for (int i = length + width - 1; i >= length; i--) {
      bytes[i] = (byte) ('0' + rest % 10);
      rest /= 10;
    }
    length += width;
  }

  private void appendLong(final long value) {
    if (value == Long.MIN_VALUE) {
      appendAscii(Long.toString(value));
      return;
    }
    ensure(20);
    long rest = value;
    if (rest < 0) {
      bytes[length++] = '-';
      rest = -rest;
    }
    int digits = 1;
    for (long bound = 10; digits < 19 && rest >= bound; bound *= 10) {
      digits++;
    }
    for (int i = length + digits - 1; i >= length; i--) {
      bytes[i] = (byte) ('0' + rest % 10);
      rest /= 10;
    }
    length += digits;
  }

  /** Text known to be ASCII (number and date/time renderings). */
  private void appendAscii(final String text) {
    ensure(text.length());
    for (int i = 0; i < text.length(); i++) {
      bytes[length++] = (byte) text.charAt(i);
    }
  }

  private void appendQuoted(final String text) {
    final int size = text.length();
    // Worst case for ASCII: every character a doubled quote, plus the two enclosing quotes.
    ensure(2 * size + 2);
    final int start = length;
    bytes[length++] = '"';
    for (int i = 0; i < size; i++) {
      final char c = text.charAt(i);
      if (c >= 0x80) {
        // Start the field again in the general way.
        length = start;
        appendQuotedUtf8(text);
        return;
      }
      if (c == '"') {
        bytes[length++] = '"';
      } else if (c == '\0') {
        throw nul();
      }
      bytes[length++] = (byte) c;
    }
    bytes[length++] = '"';
  }

  /**
   * The general case; in UTF-8 the bytes of a quote and of NUL never occur inside another
   * character.
   */
  private void appendQuotedUtf8(final String text) {
    final byte[] encoded = text.getBytes(StandardCharsets.UTF_8);
    ensure(2 * encoded.length + 2);
    bytes[length++] = '"';
    for (final byte b : encoded) {
      if (b == '"') {
        bytes[length++] = '"';
      } else if (b == 0) {
        throw nul();
      }
      bytes[length++] = b;
    }
    bytes[length++] = '"';
  }

  private static IllegalArgumentException nul() {
    return new IllegalArgumentException(
        "text contains a NUL character, which PostgreSQL cannot store");
  }

  private void appendHex(final byte[] binary) {
    final String digits = "0123456789abcdef";
    ensure(2 + 2 * binary.length);
    bytes[length++] = '\\';
    bytes[length++] = 'x';
    for (final byte b : binary) {
      bytes[length++] = (byte) digits.charAt((b >> 4) & 0xF);
      bytes[length++] = (byte) digits.charAt(b & 0xF);
    }
  }

  private void put(final byte b) {
    ensure(1);
    bytes[length++] = b;
  }

  private void ensure(final int more) {
    if (length + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(2 * bytes.length, length + more));
    }
  }
}
