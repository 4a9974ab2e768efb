package io.flowdesk.domain.change;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The risk of a change, as the risk decision (change-risk.dmn) rates it. */
public enum ChangeRisk {
  LOW,
  MODERATE,
  HIGH;

  /** The risk of {@code code} ({@code low}, any case), if it names one. */
  public static Optional<ChangeRisk> of(final String code) {
    return Arrays.stream(values())
        .filter(r -> r.name().equals(code.strip().toUpperCase(Locale.ROOT)))
        .findFirst();
  }
}
