package io.flowdesk.domain.cmdb;

/** Where a configuration item is in its life. */
public enum LifecycleStatus {
  PLANNED("Planned"),
  IN_SERVICE("In service"),
  MAINTENANCE("In maintenance"),
  RETIRED("Retired");

  private final String label;

  LifecycleStatus(final String label) {
    this.label = label;
  }

  /** How pages show it. */
  public String label() {
    return label;
  }
}
