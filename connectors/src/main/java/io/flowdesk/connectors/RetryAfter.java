package io.flowdesk.connectors;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Reads an HTTP {@code Retry-After} header: delta-seconds or an HTTP-date (RFC 9110 10.2.3). */
public final class RetryAfter {

  private RetryAfter() {}

  /**
   * @return the wait, zero for a date in the past, or {@code null} when the header is absent or
   *     unreadable (the caller then uses its own back-off)
   */
  public static Duration parse(final String header, final Clock clock) {
    if (header == null || header.isBlank()) {
      return null;
    }
    final String value = header.trim();
    try {
      final long seconds = Long.parseLong(value);
      return seconds < 0 ? null : Duration.ofSeconds(seconds);
    } catch (NumberFormatException notSeconds) {
      try {
        final ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
        final Duration wait = Duration.between(clock.instant(), at.toInstant());
        return wait.isNegative() ? Duration.ZERO : wait;
      } catch (DateTimeParseException notADate) {
        return null;
      }
    }
  }

  /** Sleeps for the given wait, keeping the thread's interrupt status if woken early. */
  public static void sleep(final Duration wait) {
    if (wait.isZero() || wait.isNegative()) {
      return;
    }
    try {
      Thread.sleep(wait.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConnectorException("interrupted while waiting to retry", true, e);
    }
  }
}
