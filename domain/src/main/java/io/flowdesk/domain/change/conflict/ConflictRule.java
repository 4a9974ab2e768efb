package io.flowdesk.domain.change.conflict;

/**
 * Why a change conflicts, after ServiceNow's conflict rules: another active change (not Closed or
 * Canceled) with an overlapping window on the same CI, on a parent CI (one that depends on the
 * change's CI: the source of a relationship to it) or on a child CI (one the change's CI depends
 * on); the window outside a CI's maintenance window; the window overlapping a blackout window; the
 * implementer scheduled on another active change at the same time.
 */
public enum ConflictRule {
  SAME_CI("Same CI"),
  PARENT_CI("Parent CI"),
  CHILD_CI("Child CI"),
  MAINTENANCE_WINDOW("Outside maintenance window"),
  BLACKOUT("Blackout window"),
  IMPLEMENTER("Implementer double-booked");

  private final String label;

  ConflictRule(final String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
