package io.flowdesk.app.operate.batch;

import java.util.Arrays;

/** The batch operations the instance list offers, by their form value. */
enum BatchKind {
  CANCEL("cancel", "Cancel"),
  RESOLVE_INCIDENTS("resolve-incidents", "Resolve incidents"),
  MIGRATE("migrate", "Migrate"),
  MODIFY("modify", "Move tokens");

  private final String value;
  private final String label;

  BatchKind(final String value, final String label) {
    this.value = value;
    this.label = label;
  }

  public String value() {
    return value;
  }

  public String label() {
    return label;
  }

  /** Whether the operation needs a plan (mapping or moves) before it can run. */
  boolean needsPlan() {
    return this == MIGRATE || this == MODIFY;
  }

  /**
   * @throws IllegalArgumentException naming the values known
   */
  static BatchKind of(final String typed) {
    return Arrays.stream(values())
        .filter(kind -> kind.value.equals(typed == null ? null : typed.strip()))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "'operation' must be cancel, resolve-incidents, migrate or modify, not '"
                        + typed
                        + "'."));
  }
}
