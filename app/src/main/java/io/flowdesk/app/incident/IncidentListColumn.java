package io.flowdesk.app.incident;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The columns the agents' incident list can show, by their name in the query string ({@code cols}),
 * with the property {@code IncidentQuery} sorts by (null: not sortable).
 */
public enum IncidentListColumn {
  NUMBER("number", "Number", "number", true),
  SUMMARY("summary", "Summary", null, true),
  STATE("state", "State", "state", true),
  PRIORITY("priority", "Priority", "priority", true),
  GROUP("group", "Group", "assignmentGroup", true),
  ASSIGNEE("assignee", "Assignee", "assignee", true),
  CI("ci", "Configuration item", "configurationItem", false),
  BREACHED("breached", "SLA", "breached", false),
  RESOLUTION_DUE("due", "Resolution due", "resolutionDue", false),
  CREATED("created", "Opened", "createdAt", true),
  UPDATED("updated", "Updated", "updatedAt", false);

  private final String key;
  private final String label;
  private final String sortProperty;
  private final boolean shownByDefault;

  IncidentListColumn(
      final String key, final String label, final String sortProperty, final boolean shown) {
    this.key = key;
    this.label = label;
    this.sortProperty = sortProperty;
    this.shownByDefault = shown;
  }

  public String key() {
    return key;
  }

  public String label() {
    return label;
  }

  public String sortProperty() {
    return sortProperty;
  }

  static List<IncidentListColumn> defaults() {
    return Arrays.stream(values()).filter(c -> c.shownByDefault).toList();
  }

  static Optional<IncidentListColumn> byKey(final String key) {
    return Arrays.stream(values()).filter(c -> c.key.equals(key)).findFirst();
  }
}
