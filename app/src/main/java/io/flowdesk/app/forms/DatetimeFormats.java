package io.flowdesk.app.forms;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * Converts between what HTML date/time inputs post and the strings form-js stores for a datetime
 * component: {@code 2025-01-31} for dates; for times and date-times, minutes with a UTC offset
 * ({@code utc_offset}, the default), normalized to UTC ({@code utc_normalized}) or without zone
 * ({@code no_timezone}). The browser posts local time without a zone, so the server's zone (the
 * clock's) stands in for the user's.
 */
final class DatetimeFormats {

  private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("HH:mm");
  private static final DateTimeFormatter DATE_MINUTES =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");
  private static final DateTimeFormatter OFFSET = DateTimeFormatter.ofPattern("xxx");

  /** The three shapes of a datetime component ({@code subtype}). */
  enum Subtype {
    DATE("date", "2025-01-31"),
    TIME("time", "14:30"),
    DATETIME("datetime-local", "2025-01-31T14:30");

    private final String htmlType;
    private final String example;

    Subtype(final String htmlType, final String example) {
      this.htmlType = htmlType;
      this.example = example;
    }

    /** The HTML input type that posts this shape. */
    String htmlType() {
      return htmlType;
    }

    /** A sample of what the input posts, for error messages. */
    String example() {
      return example;
    }
  }

  private final Clock clock;

  DatetimeFormats(final Clock clock) {
    this.clock = clock;
  }

  static Subtype subtype(final FormComponent component) {
    if (component.subtype() == null) {
      return Subtype.DATE;
    }
    return switch (component.subtype().toLowerCase(Locale.ROOT)) {
      case "time" -> Subtype.TIME;
      case "datetime" -> Subtype.DATETIME;
      default -> Subtype.DATE;
    };
  }

  LocalDate today() {
    return LocalDate.now(clock);
  }

  /**
   * The stored form of what an HTML input posted.
   *
   * @throws DateTimeException when the input is not a date/time of the component's subtype
   */
  String store(final FormComponent component, final String posted) {
    final String input = posted.trim();
    return switch (subtype(component)) {
      case DATE -> LocalDate.parse(input).toString();
      case TIME -> storeTime(component, LocalTime.parse(input));
      case DATETIME ->
          storeDateTime(component, LocalDateTime.parse(input).truncatedTo(ChronoUnit.MINUTES));
    };
  }

  /** The local date of a stored date or date-time; null for times or unreadable values. */
  LocalDate localDate(final FormComponent component, final Object stored) {
    if (stored == null || subtype(component) == Subtype.TIME) {
      return null;
    }
    final String shown = display(component, stored);
    try {
      return LocalDate.parse(shown.length() > 10 ? shown.substring(0, 10) : shown);
    } catch (DateTimeException unreadable) {
      return null;
    }
  }

  /** What an HTML input of the component's subtype shows for a stored value. */
  String display(final FormComponent component, final Object stored) {
    if (stored == null) {
      return "";
    }
    final String value = stored.toString();
    try {
      return switch (subtype(component)) {
        case DATE ->
            LocalDate.parse(value.length() > 10 ? value.substring(0, 10) : value).toString();
        case TIME -> displayTime(value);
        case DATETIME -> displayDateTime(value);
      };
    } catch (DateTimeException | IndexOutOfBoundsException unreadable) {
      // Shown as is: the user sees what the process holds and may correct it.
      return value;
    }
  }

  private String storeTime(final FormComponent component, final LocalTime posted) {
    final LocalTime time = posted.truncatedTo(ChronoUnit.MINUTES);
    final ZoneOffset offset = clock.getZone().getRules().getOffset(Instant.now(clock));
    return switch (serialization(component)) {
      case "no_timezone" -> MINUTES.format(time);
      case "utc_normalized" ->
          MINUTES.format(time.atOffset(offset).withOffsetSameInstant(ZoneOffset.UTC)) + "Z";
      default -> MINUTES.format(time) + OFFSET.format(offset);
    };
  }

  private String storeDateTime(final FormComponent component, final LocalDateTime dateTime) {
    final OffsetDateTime zoned = dateTime.atZone(clock.getZone()).toOffsetDateTime();
    return switch (serialization(component)) {
      case "no_timezone" -> DATE_MINUTES.format(dateTime);
      case "utc_normalized" ->
          DATE_MINUTES.format(zoned.withOffsetSameInstant(ZoneOffset.UTC)) + "Z";
      default -> DATE_MINUTES.format(zoned) + OFFSET.format(zoned);
    };
  }

  private String displayTime(final String value) {
    try {
      final ZoneOffset offset = clock.getZone().getRules().getOffset(Instant.now(clock));
      return MINUTES.format(OffsetTime.parse(value).withOffsetSameInstant(offset));
    } catch (DateTimeException withoutOffset) {
      return MINUTES.format(LocalTime.parse(value));
    }
  }

  private String displayDateTime(final String value) {
    try {
      return DATE_MINUTES.format(OffsetDateTime.parse(value).atZoneSameInstant(clock.getZone()));
    } catch (DateTimeException withoutOffset) {
      return DATE_MINUTES.format(LocalDateTime.parse(value));
    }
  }

  private static String serialization(final FormComponent component) {
    return component.timeSerializingFormat() == null
        ? "utc_offset"
        : component.timeSerializingFormat().toLowerCase(Locale.ROOT);
  }
}
