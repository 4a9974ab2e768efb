package io.flowdesk.connectors.etl.load;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

/**
 * Encodes rows in PostgreSQL's binary {@code COPY} format, which the database stores without
 * parsing text: on a typical ten-column load, parsing the dates, timestamps and numbers of a CSV
 * stream is about a third of the database's work in the copy.
 *
 * <p>Used only when every staging column's type has a binary form written here and the column's
 * values are known to be of the matching Java class: text and varchar from {@code String}; bigint
 * from {@code Long} or {@code Integer}; integer from {@code Integer}; numeric from {@code
 * BigDecimal}; boolean; date from {@code LocalDate}; timestamp from {@code LocalDateTime};
 * timestamptz from {@code OffsetDateTime}. The database still applies the column's type modifier
 * (numeric scale and precision, varchar length, timestamp precision) and range checks, as for text.
 * Fractions of a second are rounded to microseconds the way PostgreSQL reads them from text.
 */
final class BinaryCopyEncoder implements StagingEncoder {

  private static final byte[] HEADER = {
    'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0
  };

  /** 2000-01-01, PostgreSQL's epoch, in days and seconds after 1970-01-01. */
  private static final long EPOCH_DAY = 10_957;

  private static final long EPOCH_SECOND = EPOCH_DAY * 86_400;

  /** Finite values outside PostgreSQL's range, so that it refuses them as it refuses the text. */
  private static final int DATE_OUT_OF_RANGE = Integer.MAX_VALUE - 1;

  private static final long TIMESTAMP_OUT_OF_RANGE = Long.MAX_VALUE - 1;

  private static final long[] POWERS_OF_TEN = {1, 10, 100, 1000};

  /** The binary form of one column's values. */
  private enum Field {
    TEXT,
    INT8,
    INT4,
    NUMERIC,
    BOOL,
    DATE,
    TIMESTAMP,
    TIMESTAMPTZ
  }

  private final Field[] fields;
  private byte[] bytes = new byte[512];
  private int length;

  private BinaryCopyEncoder(final Field[] fields) {
    this.fields = fields;
  }

  /** The encoder for these columns, or null when one of them has no binary form here. */
  static BinaryCopyEncoder forColumns(
      final List<String> stagingTypes, final List<Class<?>> valueClasses) {
    final Field[] fields = new Field[stagingTypes.size()];
    for (int i = 0; i < fields.length; i++) {
      fields[i] = field(stagingTypes.get(i), valueClasses.get(i));
      if (fields[i] == null) {
        return null;
      }
    }
    return new BinaryCopyEncoder(fields);
  }

  private static Field field(final String stagingType, final Class<?> valueClass) {
    final String type = stagingType.replaceFirst("\\(\\d+(,\\d+)?\\)", "");
    if (valueClass == String.class) {
      return type.equals("text") || type.equals("character varying") ? Field.TEXT : null;
    }
    if (valueClass == Long.class) {
      return type.equals("bigint") ? Field.INT8 : null;
    }
    if (valueClass == Integer.class) {
      return switch (type) {
        case "integer" -> Field.INT4;
        case "bigint" -> Field.INT8;
        default -> null;
      };
    }
    if (valueClass == BigDecimal.class) {
      return type.equals("numeric") ? Field.NUMERIC : null;
    }
    if (valueClass == Boolean.class) {
      return type.equals("boolean") ? Field.BOOL : null;
    }
    if (valueClass == LocalDate.class) {
      return type.equals("date") ? Field.DATE : null;
    }
    if (valueClass == LocalDateTime.class) {
      return type.equals("timestamp without time zone") || type.equals("timestamp")
          ? Field.TIMESTAMP
          : null;
    }
    if (valueClass == OffsetDateTime.class) {
      return type.equals("timestamp with time zone") || type.equals("timestamptz")
          ? Field.TIMESTAMPTZ
          : null;
    }
    return null;
  }

  @Override
  public String copyOptions() {
    return "(FORMAT binary)";
  }

  @Override
  public void begin(final OutputStream out) throws IOException {
    out.write(HEADER);
  }

  @Override
  public void encode(final Object[] values, final long line) {
    length = 0;
    putShort(values.length + 1);
    for (int i = 0; i < values.length; i++) {
      final Object value = values[i];
      if (value == null) {
        putInt(-1);
      } else {
        append(fields[i], value);
      }
    }
    putInt(8);
    putLong(line);
  }

  @Override
  public void writeTo(final OutputStream out) throws IOException {
    out.write(bytes, 0, length);
  }

  @Override
  public void end(final OutputStream out) throws IOException {
    out.write(new byte[] {(byte) 0xFF, (byte) 0xFF});
  }

  private void append(final Field field, final Object value) {
    switch (field) {
      case TEXT -> appendText((String) value);
      case INT8 -> {
        putInt(8);
        putLong(((Number) value).longValue());
      }
      case INT4 -> {
        putInt(4);
        putInt((Integer) value);
      }
      case NUMERIC -> appendNumeric((BigDecimal) value);
      case BOOL -> {
        putInt(1);
        put((Boolean) value ? 1 : 0);
      }
      case DATE -> {
        putInt(4);
        putInt(days((LocalDate) value));
      }
      case TIMESTAMP -> {
        final LocalDateTime timestamp = (LocalDateTime) value;
        putInt(8);
        // The nanos of the second, added to the whole seconds before.
        @SuppressWarnings("JavaLocalDateTimeGetNano")
        final int nanos = timestamp.getNano();
        putLong(micros(timestamp.toEpochSecond(ZoneOffset.UTC), nanos));
      }
      case TIMESTAMPTZ -> {
        final OffsetDateTime timestamp = (OffsetDateTime) value;
        putInt(8);
        putLong(micros(timestamp.toEpochSecond(), timestamp.getNano()));
      }
    }
  }

  private static int days(final LocalDate date) {
    final long days = date.toEpochDay() - EPOCH_DAY;
    return days == (int) days ? (int) days : DATE_OUT_OF_RANGE;
  }

  /**
   * Microseconds after PostgreSQL's epoch. PostgreSQL reads a fraction of a second as a double and
   * rounds it to microseconds half to even; the same arithmetic here gives the same microsecond.
   */
  private static long micros(final long epochSecond, final int nanos) {
    final long fraction = nanos % 1000 == 0 ? nanos / 1000 : (long) Math.rint(nanos / 1e9 * 1e6);
    try {
      return Math.addExact(Math.multiplyExact(epochSecond - EPOCH_SECOND, 1_000_000L), fraction);
    } catch (ArithmeticException e) {
      return TIMESTAMP_OUT_OF_RANGE;
    }
  }

  private void appendText(final String text) {
    final int size = text.length();
    ensure(4 + size);
    final int start = length;
    length += 4;
    for (int i = 0; i < size; i++) {
      final char c = text.charAt(i);
      if (c >= 0x80 || c == 0) {
        length = start;
        appendUtf8(text);
        return;
      }
      bytes[length++] = (byte) c;
    }
    writeIntAt(start, size);
  }

  private void appendUtf8(final String text) {
    final byte[] encoded = text.getBytes(StandardCharsets.UTF_8);
    for (final byte b : encoded) {
      if (b == 0) {
        throw new IllegalArgumentException(
            "text contains a NUL character, which PostgreSQL cannot store");
      }
    }
    putInt(encoded.length);
    ensure(encoded.length);
    System.arraycopy(encoded, 0, bytes, length, encoded.length);
    length += encoded.length;
  }

  /**
   * PostgreSQL's numeric: base-10000 digits around the decimal point, a weight (the power of 10000
   * of the first digit), a sign and the display scale (digits after the point).
   */
  private void appendNumeric(final BigDecimal value) {
    final BigDecimal plain =
        value.scale() < 0 ? value.setScale(0, RoundingMode.UNNECESSARY) : value;
    final int scale = plain.scale();
    final BigInteger unscaled = plain.unscaledValue().abs();
    // Pad the fraction to whole groups of four digits, so that groups align with the point.
    final int padding = (4 - scale % 4) % 4;
    final int fractionGroups = (scale + padding) / 4;
    final short[] groups;
    if (unscaled.bitLength() < 50) {
      groups = groupsOf(unscaled.longValue() * POWERS_OF_TEN[padding]);
    } else {
      groups = groupsOf(unscaled.multiply(BigInteger.TEN.pow(padding)));
    }
    // groups holds the least significant group first; trailing zero groups need not travel.
    int low = 0;
    while (low < groups.length && groups[low] == 0) {
      low++;
    }
    final int count = groups.length - low;
    final int weight = count == 0 ? 0 : groups.length - fractionGroups - 1;
    putInt(8 + 2 * count);
    putShort(count);
    putShort(weight);
    putShort(plain.signum() < 0 ? 0x4000 : 0);
    putShort(Math.min(scale, 0x3FFF));
    for (int g = groups.length - 1; g >= low; g--) {
      putShort(groups[g]);
    }
  }

  /** The base-10000 digits of {@code number} (not negative), least significant first. */
  private static short[] groupsOf(final long number) {
    int count = 0;
    for (long rest = number; rest != 0; rest /= 10_000) {
      count++;
    }
    final short[] groups = new short[count];
    long rest = number;
    for (int i = 0; i < count; i++) {
      groups[i] = (short) (rest % 10_000);
      rest /= 10_000;
    }
    return groups;
  }

  private static short[] groupsOf(final BigInteger number) {
    final String digits = number.toString();
    final short[] groups = new short[number.signum() == 0 ? 0 : (digits.length() + 3) / 4];
    for (int i = 0; i < groups.length; i++) {
      final int end = digits.length() - 4 * i;
      groups[i] = Short.parseShort(digits.substring(Math.max(0, end - 4), end));
    }
    return groups;
  }

  private void put(final int b) {
    ensure(1);
    bytes[length++] = (byte) b;
  }

  private void putShort(final int value) {
    ensure(2);
    bytes[length++] = (byte) (value >>> 8);
    bytes[length++] = (byte) value;
  }

  private void putInt(final int value) {
    ensure(4);
    writeIntAt(length, value);
    length += 4;
  }

  private void writeIntAt(final int at, final int value) {
    bytes[at] = (byte) (value >>> 24);
    bytes[at + 1] = (byte) (value >>> 16);
    bytes[at + 2] = (byte) (value >>> 8);
    bytes[at + 3] = (byte) value;
  }

  private void putLong(final long value) {
    putInt((int) (value >>> 32));
    putInt((int) value);
  }

  private void ensure(final int more) {
    if (length + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(2 * bytes.length, length + more));
    }
  }
}
