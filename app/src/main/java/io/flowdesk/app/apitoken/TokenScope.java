package io.flowdesk.app.apitoken;

import java.util.Locale;
import java.util.Optional;

/**
 * What a personal token may do on {@code /api/**}: read (GET, HEAD) or change (everything else).
 */
public enum TokenScope {
  READ,
  WRITE;

  /** The scope a request with this HTTP method needs. */
  public static TokenScope neededFor(final String method) {
    return "GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method) ? READ : WRITE;
  }

  /** The name pages, the database and error messages use: {@code read}, {@code write}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<TokenScope> ofLabel(final String label) {
    for (final TokenScope scope : values()) {
      if (scope.label().equals(label)) {
        return Optional.of(scope);
      }
    }
    return Optional.empty();
  }
}
