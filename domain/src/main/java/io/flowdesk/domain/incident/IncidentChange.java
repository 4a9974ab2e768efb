package io.flowdesk.domain.incident;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The fields one change sets; fields not named keep their value. {@link IncidentRecords#change}
 * writes every field whose value differs into the audit trail. A field may be set to null (e.g.
 * {@code assignee(null)} unassigns).
 */
public final class IncidentChange {

  /** The fields a change may set, by the name the audit trail shows. */
  public enum Field {
    SHORT_DESCRIPTION("shortDescription"),
    DESCRIPTION("description"),
    CATEGORY("category"),
    CONFIGURATION_ITEM("configurationItem"),
    IMPACT("impact"),
    URGENCY("urgency"),
    PRIORITY("priority"),
    STATE("state"),
    ASSIGNMENT_GROUP("assignmentGroup"),
    ASSIGNEE("assignee"),
    RESPONSE_DUE("responseDue"),
    RESOLUTION_DUE("resolutionDue"),
    RESPONDED_AT("respondedAt"),
    RESPONSE_BREACHED("responseBreached"),
    RESOLUTION_BREACHED("resolutionBreached"),
    ON_HOLD_REASON("onHoldReason"),
    RESOLUTION_CODE("resolutionCode"),
    RESOLUTION_NOTES("resolutionNotes"),
    PROCESS_INSTANCE_KEY("processInstanceKey");

    private final String auditName;

    Field(final String auditName) {
      this.auditName = auditName;
    }

    public String auditName() {
      return auditName;
    }
  }

  private final Map<Field, Object> values = new LinkedHashMap<>();

  public static IncidentChange of() {
    return new IncidentChange();
  }

  public IncidentChange shortDescription(final String value) {
    return set(Field.SHORT_DESCRIPTION, value);
  }

  public IncidentChange description(final String value) {
    return set(Field.DESCRIPTION, value);
  }

  public IncidentChange category(final String value) {
    return set(Field.CATEGORY, value);
  }

  public IncidentChange configurationItem(final String value) {
    return set(Field.CONFIGURATION_ITEM, value);
  }

  public IncidentChange impact(final Level value) {
    return set(Field.IMPACT, value);
  }

  public IncidentChange urgency(final Level value) {
    return set(Field.URGENCY, value);
  }

  public IncidentChange priority(final Priority value) {
    return set(Field.PRIORITY, value);
  }

  public IncidentChange state(final IncidentState value) {
    return set(Field.STATE, value);
  }

  public IncidentChange assignmentGroup(final String value) {
    return set(Field.ASSIGNMENT_GROUP, value);
  }

  public IncidentChange assignee(final String value) {
    return set(Field.ASSIGNEE, value);
  }

  public IncidentChange responseDue(final Instant value) {
    return set(Field.RESPONSE_DUE, value);
  }

  public IncidentChange resolutionDue(final Instant value) {
    return set(Field.RESOLUTION_DUE, value);
  }

  public IncidentChange respondedAt(final Instant value) {
    return set(Field.RESPONDED_AT, value);
  }

  public IncidentChange responseBreached(final boolean value) {
    return set(Field.RESPONSE_BREACHED, value);
  }

  public IncidentChange resolutionBreached(final boolean value) {
    return set(Field.RESOLUTION_BREACHED, value);
  }

  public IncidentChange onHoldReason(final String value) {
    return set(Field.ON_HOLD_REASON, value);
  }

  public IncidentChange resolutionCode(final String value) {
    return set(Field.RESOLUTION_CODE, value);
  }

  public IncidentChange resolutionNotes(final String value) {
    return set(Field.RESOLUTION_NOTES, value);
  }

  public IncidentChange processInstanceKey(final long value) {
    return set(Field.PROCESS_INSTANCE_KEY, value);
  }

  /** The fields this change sets, in the order they were set. */
  public Map<Field, Object> values() {
    return java.util.Collections.unmodifiableMap(values);
  }

  /** The value set for {@code field}; empty when the change leaves it alone. */
  public Optional<Object> valueOf(final Field field) {
    return Optional.ofNullable(values.get(field));
  }

  public boolean sets(final Field field) {
    return values.containsKey(field);
  }

  private IncidentChange set(final Field field, final Object value) {
    values.put(field, value);
    return this;
  }
}
