package io.flowdesk.domain.knowledge;

import java.util.Locale;

/** Who may read a published article. */
public enum Audience {
  /** Everyone signed in, end users too (the portal suggests these). */
  PUBLIC("Everyone"),
  /** Agents, managers and administrators only. */
  AGENTS("Agents only");

  private final String label;

  Audience(final String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /**
   * @throws IllegalArgumentException naming the allowed values
   */
  public static Audience parse(final String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("audience is required: PUBLIC or AGENTS");
    }
    try {
      return valueOf(value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException unknown) {
      throw new IllegalArgumentException(
          "audience '" + value + "' is not one of PUBLIC, AGENTS", unknown);
    }
  }
}
