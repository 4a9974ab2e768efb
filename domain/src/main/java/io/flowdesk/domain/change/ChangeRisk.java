package io.flowdesk.domain.change;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The risk of a change, as the risk decision (change-risk.dmn) rates it. */
public enum ChangeRisk {
  LOW("Low"),
  MODERATE("Moderate"),
  HIGH("High");

  private final String label;

  ChangeRisk(final String label) {
    this.label = label;
  }

  /** How pages show it. */
  public String label() {
    return label;
  }

  /** The risk of {@code code} ({@code low}, any case), if it names one. */
  public static Optional<ChangeRisk> of(final String code) {
    return Arrays.stream(values())
        .filter(r -> r.name().equals(code.strip().toUpperCase(Locale.ROOT)))
        .findFirst();
  }
}
