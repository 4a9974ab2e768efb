package io.flowdesk.domain.servicelevel;

/**
 * A named {@link BusinessCalendar} SLA targets run on; {@code id} is null until it is saved.
 *
 * @throws IllegalArgumentException for a blank or over-long name
 */
public record Schedule(Long id, String name, BusinessCalendar calendar) {

  /** The longest name a schedule may have. */
  public static final int MAX_NAME = 80;

  public Schedule {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a schedule needs a name");
    }
    name = name.strip();
    if (name.length() > MAX_NAME) {
      throw new IllegalArgumentException(
          "a schedule's name has at most " + MAX_NAME + " characters, was " + name.length());
    }
    if (calendar == null) {
      throw new IllegalArgumentException("a schedule needs its working hours");
    }
  }
}
