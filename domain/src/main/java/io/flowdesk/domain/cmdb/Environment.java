package io.flowdesk.domain.cmdb;

/** Where a configuration item serves. */
public enum Environment {
  PRODUCTION("Production"),
  STAGING("Staging"),
  TEST("Test"),
  DEVELOPMENT("Development");

  private final String label;

  Environment(final String label) {
    this.label = label;
  }

  /** How pages show it. */
  public String label() {
    return label;
  }
}
