package io.flowdesk.domain.incident;

import io.flowdesk.domain.incident.IncidentChange.Field;
import io.flowdesk.domain.record.RecordText;

/**
 * The limits of an incident's fields, checked before anything is written so that bad input is an
 * error naming the field rather than a database error or a half-applied change.
 */
final class IncidentValidation {

  static final int SHORT_DESCRIPTION = 160;
  static final int LONG_TEXT = RecordText.LONG_TEXT;
  static final int CATEGORY = 64;
  static final int CONFIGURATION_ITEM = 200;
  static final int NAME = RecordText.NAME;
  static final int ON_HOLD_REASON = 1000;

  private IncidentValidation() {}

  static void validate(final NewIncident incident) {
    if (incident == null) {
      throw new IllegalArgumentException("incident is missing");
    }
    required("caller", incident.caller(), NAME);
    required("shortDescription", incident.shortDescription(), SHORT_DESCRIPTION);
    optional("description", incident.description(), LONG_TEXT);
    optional("category", incident.category(), CATEGORY);
    optional("configurationItem", incident.configurationItem(), CONFIGURATION_ITEM);
    if (incident.impact() == null) {
      throw new IllegalArgumentException("impact is required");
    }
    if (incident.urgency() == null) {
      throw new IllegalArgumentException("urgency is required");
    }
  }

  static void validate(final IncidentChange change) {
    if (change == null) {
      throw new IllegalArgumentException("change is missing");
    }
    change.values().forEach(IncidentValidation::validate);
  }

  static void validateSource(final ChangeSource source) {
    RecordText.requireActor(source);
  }

  private static void validate(final Field field, final Object value) {
    final String name = field.auditName();
    switch (field) {
      case SHORT_DESCRIPTION -> required(name, (String) value, SHORT_DESCRIPTION);
      case DESCRIPTION, RESOLUTION_NOTES -> optional(name, (String) value, LONG_TEXT);
      case CATEGORY, RESOLUTION_CODE, ASSIGNMENT_GROUP, ASSIGNEE ->
          optional(name, (String) value, field == Field.CATEGORY ? CATEGORY : NAME);
      case CONFIGURATION_ITEM -> optional(name, (String) value, CONFIGURATION_ITEM);
      case ON_HOLD_REASON -> optional(name, (String) value, ON_HOLD_REASON);
      case IMPACT, URGENCY, STATE, RESPONSE_BREACHED, RESOLUTION_BREACHED, PROCESS_INSTANCE_KEY -> {
        if (value == null) {
          throw new IllegalArgumentException(name + " cannot be empty");
        }
      }
      case PRIORITY, RESPONSE_DUE, RESOLUTION_DUE, RESPONDED_AT -> {
        // nullable typed values; the setter's type is the whole check
      }
    }
  }

  static void required(final String field, final String value, final int max) {
    RecordText.required(field, value, max);
  }

  static void optional(final String field, final String value, final int max) {
    RecordText.optional(field, value, max);
  }
}
