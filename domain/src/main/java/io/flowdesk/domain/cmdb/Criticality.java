package io.flowdesk.domain.cmdb;

/**
 * How much the business suffers when a business service or application fails; the change risk
 * assessment weighs the impacted services' criticality. Only CIs of a service class carry one.
 */
public enum Criticality {
  LOW("Low"),
  MEDIUM("Medium"),
  HIGH("High"),
  CRITICAL("Critical");

  private final String label;

  Criticality(final String label) {
    this.label = label;
  }

  /** How pages show it. */
  public String label() {
    return label;
  }
}
