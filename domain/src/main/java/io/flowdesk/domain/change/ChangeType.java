package io.flowdesk.domain.change;

/**
 * The change models: a standard change is pre-approved (raised from a {@link ChangeTemplate}), a
 * normal change is assessed and authorized, an emergency change is authorized by the emergency CAB
 * and reviewed afterwards.
 */
public enum ChangeType {
  STANDARD("Standard"),
  NORMAL("Normal"),
  EMERGENCY("Emergency");

  private final String label;

  ChangeType(final String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
