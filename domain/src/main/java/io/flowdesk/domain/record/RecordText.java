package io.flowdesk.domain.record;

/**
 * Limits of text written to records, checked before anything is written so that bad input is an
 * error naming the field rather than a database error or a half-applied change.
 */
public final class RecordText {

  /** Journal entries and descriptions. */
  public static final int LONG_TEXT = 10_000;

  /** Usernames, group names, codes. */
  public static final int NAME = 64;

  private RecordText() {}

  public static void required(final String field, final String value, final int max) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + " is required");
    }
    optional(field, value, max);
  }

  public static void optional(final String field, final String value, final int max) {
    if (value != null && value.length() > max) {
      throw new IllegalArgumentException(
          field + " is too long: " + value.length() + " characters, at most " + max);
    }
  }

  /** Who writes must be named. */
  public static void requireActor(final Actor actor) {
    if (actor == null) {
      throw new IllegalArgumentException("change source is missing");
    }
    required("actor", actor.actor(), NAME);
  }

  /** A journal text or file name as one short line of the audit trail. */
  public static String summary(final String text) {
    final String line = text.strip().replaceAll("\\s+", " ");
    return line.length() <= 80 ? line : line.substring(0, 79) + "…";
  }
}
