package io.flowdesk.domain.incident;

import io.flowdesk.domain.incident.IncidentChange.Field;
import io.flowdesk.domain.record.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * How an incident maps to table {@code domain.incident}: columns per field, rows to records, and
 * values to the database and to the audit trail's text.
 */
final class IncidentColumns {

  static final String SELECT =
      "SELECT id, number, caller, short_description, description, category, configuration_item,"
          + " impact, urgency, priority, state, assignment_group, assignee, response_due,"
          + " resolution_due, responded_at, response_breached, resolution_breached,"
          + " on_hold_reason, resolution_code, resolution_notes, process_instance_key,"
          + " created_at, updated_at, version FROM domain.incident";

  private IncidentColumns() {}

  static String column(final Field field) {
    return switch (field) {
      case SHORT_DESCRIPTION -> "short_description";
      case DESCRIPTION -> "description";
      case CATEGORY -> "category";
      case CONFIGURATION_ITEM -> "configuration_item";
      case IMPACT -> "impact";
      case URGENCY -> "urgency";
      case PRIORITY -> "priority";
      case STATE -> "state";
      case ASSIGNMENT_GROUP -> "assignment_group";
      case ASSIGNEE -> "assignee";
      case RESPONSE_DUE -> "response_due";
      case RESOLUTION_DUE -> "resolution_due";
      case RESPONDED_AT -> "responded_at";
      case RESPONSE_BREACHED -> "response_breached";
      case RESOLUTION_BREACHED -> "resolution_breached";
      case ON_HOLD_REASON -> "on_hold_reason";
      case RESOLUTION_CODE -> "resolution_code";
      case RESOLUTION_NOTES -> "resolution_notes";
      case PROCESS_INSTANCE_KEY -> "process_instance_key";
    };
  }

  /** The field's current value, typed as {@link IncidentChange} sets it. */
  static Object valueOf(final Incident incident, final Field field) {
    return switch (field) {
      case SHORT_DESCRIPTION -> incident.shortDescription();
      case DESCRIPTION -> incident.description();
      case CATEGORY -> incident.category();
      case CONFIGURATION_ITEM -> incident.configurationItem();
      case IMPACT -> incident.impact();
      case URGENCY -> incident.urgency();
      case PRIORITY -> incident.priority();
      case STATE -> incident.state();
      case ASSIGNMENT_GROUP -> incident.assignmentGroup();
      case ASSIGNEE -> incident.assignee();
      case RESPONSE_DUE -> incident.responseDue();
      case RESOLUTION_DUE -> incident.resolutionDue();
      case RESPONDED_AT -> incident.respondedAt();
      case RESPONSE_BREACHED -> incident.responseBreached();
      case RESOLUTION_BREACHED -> incident.resolutionBreached();
      case ON_HOLD_REASON -> incident.onHoldReason();
      case RESOLUTION_CODE -> incident.resolutionCode();
      case RESOLUTION_NOTES -> incident.resolutionNotes();
      case PROCESS_INSTANCE_KEY -> incident.processInstanceKey();
    };
  }

  /** The value as the JDBC driver takes it. */
  static Object toDatabase(final Object value) {
    if (value instanceof Enum<?> e) {
      return e.name();
    }
    if (value instanceof Instant instant) {
      return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
    return value;
  }

  /** The value as the audit trail shows it: enums by name, instants ISO-8601. */
  static String toAuditText(final Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Enum<?> e) {
      return e.name();
    }
    return value.toString();
  }

  static Incident map(final ResultSet row, final int n) throws SQLException {
    return new Incident(
        row.getLong("id"),
        row.getString("number"),
        row.getString("caller"),
        row.getString("short_description"),
        row.getString("description"),
        row.getString("category"),
        row.getString("configuration_item"),
        Level.valueOf(row.getString("impact")),
        Level.valueOf(row.getString("urgency")),
        enumOrNull(Priority.class, row.getString("priority")),
        IncidentState.valueOf(row.getString("state")),
        row.getString("assignment_group"),
        row.getString("assignee"),
        instant(row, "response_due"),
        instant(row, "resolution_due"),
        instant(row, "responded_at"),
        row.getBoolean("response_breached"),
        row.getBoolean("resolution_breached"),
        row.getString("on_hold_reason"),
        row.getString("resolution_code"),
        row.getString("resolution_notes"),
        longOrNull(row, "process_instance_key"),
        instant(row, "created_at"),
        instant(row, "updated_at"),
        row.getLong("version"));
  }

  static Instant instant(final ResultSet row, final String column) throws SQLException {
    return Rows.instant(row, column);
  }

  static Long longOrNull(final ResultSet row, final String column) throws SQLException {
    return Rows.longOrNull(row, column);
  }

  private static <E extends Enum<E>> E enumOrNull(final Class<E> type, final String name) {
    return name == null ? null : Enum.valueOf(type, name);
  }
}
