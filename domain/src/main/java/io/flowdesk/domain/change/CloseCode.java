package io.flowdesk.domain.change;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How an implemented change ended; every closed change has one. */
public enum CloseCode {
  SUCCESSFUL("Successful"),
  SUCCESSFUL_WITH_ISSUES("Successful with issues"),
  UNSUCCESSFUL("Unsuccessful"),
  BACKED_OUT("Backed out");

  private final String label;

  CloseCode(final String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** The code as forms and processes write it ({@code backed_out}, {@code successful}). */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The close code of {@code code} ({@code backed_out}, any case), if it names one. */
  public static Optional<CloseCode> of(final String code) {
    return Arrays.stream(values()).filter(c -> c.code().equalsIgnoreCase(code.strip())).findFirst();
  }
}
