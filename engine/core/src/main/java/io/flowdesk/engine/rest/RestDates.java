package io.flowdesk.engine.rest;

import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Dates as Camunda's REST API writes and reads them: ISO-8601 with offset. */
final class RestDates {

  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");

  private RestDates() {}

  static String format(final Timestamp timestamp) {
    return timestamp == null ? null : FORMAT.format(timestamp.toInstant().atOffset(ZoneOffset.UTC));
  }

  static Timestamp parse(final String text, final String what) {
    try {
      return Timestamp.from(OffsetDateTime.parse(text).toInstant());
    } catch (DateTimeParseException e) {
      throw io.flowdesk.engine.support.Rejection.invalidArgument(
          "Expected '"
              + what
              + "' to be a date-time with offset such as 2025-01-31T12:00:00.000Z, but it was '"
              + text
              + "'");
    }
  }
}
