package io.flowdesk.connectors.etl.transform;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.util.Objects;

/**
 * The type a column is cast to, with the PostgreSQL type used when the column has to be created.
 *
 * <p>Casting accepts text (the usual CSV case, surrounding blanks ignored, blank meaning null) and
 * values that already have a compatible Java type (JSON numbers, JDBC dates). Dates and timestamps
 * use ISO-8601 unless a {@link DateTimeFormatter} pattern is given; parsing is strict, so 31/02 is
 * an error, not 2 March.
 */
public final class ColumnType {

  /** The supported kinds. */
  public enum Kind {
    /** The source value as it is: no cast, the database converts it. */
    UNCHANGED("text"),
    TEXT("text"),
    INTEGER("integer"),
    BIGINT("bigint"),
    NUMERIC("numeric"),
    BOOLEAN("boolean"),
    DATE("date"),
    TIMESTAMP("timestamp"),
    TIMESTAMPTZ("timestamptz");

    private final String sqlType;

    Kind(final String sqlType) {
      this.sqlType = sqlType;
    }
  }

  private static final DateTimeFormatter ISO_TIMESTAMP =
      new DateTimeFormatterBuilder()
          .append(DateTimeFormatter.ISO_LOCAL_DATE)
          .optionalStart()
          .appendLiteral('T')
          .optionalEnd()
          .optionalStart()
          .appendLiteral(' ')
          .optionalEnd()
          .append(DateTimeFormatter.ISO_LOCAL_TIME)
          .toFormatter(Locale.ROOT)
          .withResolverStyle(ResolverStyle.STRICT);

  private static final DateTimeFormatter ISO_TIMESTAMPTZ =
      new DateTimeFormatterBuilder()
          .append(ISO_TIMESTAMP)
          .appendOffsetId()
          .toFormatter(Locale.ROOT)
          .withResolverStyle(ResolverStyle.STRICT);

  private final Kind kind;
  private final String pattern;
  private final DateTimeFormatter formatter;

  private ColumnType(final Kind kind, final String pattern) {
    this.kind = kind;
    this.pattern = pattern;
    this.formatter = pattern == null ? null : strict(pattern);
  }

  public static ColumnType unchanged() {
    return new ColumnType(Kind.UNCHANGED, null);
  }

  public static ColumnType text() {
    return new ColumnType(Kind.TEXT, null);
  }

  public static ColumnType integer() {
    return new ColumnType(Kind.INTEGER, null);
  }

  public static ColumnType bigint() {
    return new ColumnType(Kind.BIGINT, null);
  }

  public static ColumnType numeric() {
    return new ColumnType(Kind.NUMERIC, null);
  }

  /** Accepts true/false, t/f, yes/no, y/n, 1/0 in any case. */
  public static ColumnType bool() {
    return new ColumnType(Kind.BOOLEAN, null);
  }

  public static ColumnType date() {
    return new ColumnType(Kind.DATE, null);
  }

  /** A date in {@link DateTimeFormatter} pattern {@code pattern}, e.g. {@code dd/MM/yyyy}. */
  public static ColumnType date(final String pattern) {
    return new ColumnType(Kind.DATE, pattern);
  }

  /** A timestamp without time zone, ISO-8601 with a {@code T} or a space between date and time. */
  public static ColumnType timestamp() {
    return new ColumnType(Kind.TIMESTAMP, null);
  }

  public static ColumnType timestamp(final String pattern) {
    return new ColumnType(Kind.TIMESTAMP, pattern);
  }

  /** A timestamp with an offset, ISO-8601 (e.g. {@code 2024-05-01T10:00:00+02:00}). */
  public static ColumnType timestampTz() {
    return new ColumnType(Kind.TIMESTAMPTZ, null);
  }

  public static ColumnType timestampTz(final String pattern) {
    return new ColumnType(Kind.TIMESTAMPTZ, pattern);
  }

  public Kind kind() {
    return kind;
  }

  /** The PostgreSQL type of a column created for this type. */
  public String sqlType() {
    return kind.sqlType;
  }

  /**
   * The Java class of every non-null value {@link #cast} answers; {@code Object} for {@link
   * #unchanged()}, which passes values through as they come.
   */
  public Class<?> valueClass() {
    return switch (kind) {
      case TEXT -> String.class;
      case INTEGER -> Integer.class;
      case BIGINT -> Long.class;
      case NUMERIC -> BigDecimal.class;
      case BOOLEAN -> Boolean.class;
      case DATE -> LocalDate.class;
      case TIMESTAMP -> LocalDateTime.class;
      case TIMESTAMPTZ -> OffsetDateTime.class;
      default -> Object.class;
    };
  }

  /**
   * Casts {@code value} to this type.
   *
   * @throws IllegalArgumentException whose message says what the value is not
   */
  public Object cast(final Object value) {
    if (value == null || kind == Kind.UNCHANGED) {
      return value;
    }
    if (kind == Kind.TEXT) {
      return value.toString();
    }
    if (value instanceof String text) {
      final String trimmed = text.strip();
      return trimmed.isEmpty() ? null : parse(trimmed);
    }
    return convert(value);
  }

  private Object parse(final String text) {
    try {
      return switch (kind) {
        case INTEGER -> Integer.parseInt(text);
        case BIGINT -> Long.parseLong(text);
        case NUMERIC -> new BigDecimal(text);
        case BOOLEAN -> parseBoolean(text);
        case DATE -> formatter == null ? isoDate(text) : LocalDate.parse(text, formatter);
        case TIMESTAMP ->
            formatter == null ? isoTimestamp(text) : LocalDateTime.parse(text, formatter);
        case TIMESTAMPTZ ->
            OffsetDateTime.parse(text, formatter == null ? ISO_TIMESTAMPTZ : formatter);
        default -> throw new IllegalStateException(kind.name());
      };
    } catch (NumberFormatException | DateTimeParseException e) {
      throw notA(text);
    }
  }

  private static LocalDate isoDate(final String text) {
    final LocalDate fast = IsoText.date(text);
    return fast != null ? fast : LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE);
  }

  private static LocalDateTime isoTimestamp(final String text) {
    final LocalDateTime fast = IsoText.timestamp(text);
    return fast != null ? fast : LocalDateTime.parse(text, ISO_TIMESTAMP);
  }

  private Object convert(final Object value) {
    try {
      return switch (kind) {
        case INTEGER -> value instanceof Integer ? value : decimal(value).intValueExact();
        case BIGINT -> value instanceof Long ? value : decimal(value).longValueExact();
        case NUMERIC -> value instanceof BigDecimal ? value : decimal(value);
        case BOOLEAN -> toBoolean(value);
        case DATE -> toDate(value);
        case TIMESTAMP -> toTimestamp(value);
        case TIMESTAMPTZ -> toTimestampTz(value);
        default -> throw new IllegalStateException(kind.name());
      };
    } catch (ArithmeticException | NumberFormatException e) {
      throw notA(value);
    }
  }

  private BigDecimal decimal(final Object value) {
    if (value instanceof BigDecimal decimal) {
      return decimal;
    }
    if (value instanceof BigInteger big) {
      return new BigDecimal(big);
    }
    if (value instanceof Long
        || value instanceof Integer
        || value instanceof Short
        || value instanceof Byte) {
      return BigDecimal.valueOf(((Number) value).longValue());
    }
    if (value instanceof Number number) {
      return new BigDecimal(number.toString());
    }
    throw notA(value);
  }

  private Object toBoolean(final Object value) {
    if (value instanceof Boolean) {
      return value;
    }
    if (value instanceof Number number && decimal(number).signum() == 0) {
      return false;
    }
    if (value instanceof Number number && decimal(number).compareTo(BigDecimal.ONE) == 0) {
      return true;
    }
    throw notA(value);
  }

  private Object toDate(final Object value) {
    if (value instanceof LocalDate) {
      return value;
    }
    if (value instanceof java.sql.Date date) {
      return date.toLocalDate();
    }
    if (value instanceof LocalDateTime timestamp) {
      return timestamp.toLocalDate();
    }
    throw notA(value);
  }

  private Object toTimestamp(final Object value) {
    if (value instanceof LocalDateTime) {
      return value;
    }
    if (value instanceof java.sql.Timestamp timestamp) {
      return timestamp.toLocalDateTime();
    }
    if (value instanceof LocalDate date) {
      return date.atStartOfDay();
    }
    throw notA(value);
  }

  private Object toTimestampTz(final Object value) {
    if (value instanceof OffsetDateTime) {
      return value;
    }
    if (value instanceof java.time.Instant instant) {
      return instant.atOffset(ZoneOffset.UTC);
    }
    if (value instanceof java.time.ZonedDateTime zoned) {
      return zoned.toOffsetDateTime();
    }
    throw notA(value);
  }

  private static Boolean parseBoolean(final String text) {
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "true", "t", "yes", "y", "1" -> Boolean.TRUE;
      case "false", "f", "no", "n", "0" -> Boolean.FALSE;
      default -> throw new NumberFormatException(text);
    };
  }

  private IllegalArgumentException notA(final Object value) {
    return new IllegalArgumentException("'" + value + "' is not " + describe());
  }

  /** Reads as the end of "'x' is not ...". */
  private String describe() {
    final String what =
        switch (kind) {
          case INTEGER -> "an integer";
          case BIGINT -> "a bigint";
          case NUMERIC -> "a number";
          case BOOLEAN -> "a boolean";
          case DATE -> "a date";
          case TIMESTAMP -> "a timestamp";
          case TIMESTAMPTZ -> "a timestamp with offset";
          default -> "text";
        };
    if (pattern != null) {
      return what + " in format " + pattern;
    }
    return switch (kind) {
      case DATE -> what + " (yyyy-MM-dd)";
      case TIMESTAMP -> what + " (yyyy-MM-dd HH:mm:ss)";
      case TIMESTAMPTZ -> what + " (yyyy-MM-ddTHH:mm:ss+hh:mm)";
      default -> what;
    };
  }

  /** Strict resolution rejects impossible dates; a defaulted era lets {@code yyyy} resolve. */
  private static DateTimeFormatter strict(final String pattern) {
    try {
      return new DateTimeFormatterBuilder()
          .appendPattern(pattern)
          .parseDefaulting(ChronoField.ERA, 1)
          .toFormatter(Locale.ROOT)
          .withResolverStyle(ResolverStyle.STRICT);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "'" + pattern + "' is not a valid date/time pattern: " + e.getMessage(), e);
    }
  }

  @Override
  public boolean equals(final Object other) {
    return other instanceof ColumnType type
        && type.kind == kind
        && Objects.equals(type.pattern, pattern);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, pattern);
  }

  @Override
  public String toString() {
    return pattern == null ? kind.name().toLowerCase(Locale.ROOT) : kind + "(" + pattern + ")";
  }
}
