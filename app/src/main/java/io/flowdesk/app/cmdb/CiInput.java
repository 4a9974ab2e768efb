package io.flowdesk.app.cmdb;

import io.flowdesk.domain.cmdb.CiDraft;
import io.flowdesk.domain.cmdb.Criticality;
import io.flowdesk.domain.cmdb.Environment;
import io.flowdesk.domain.cmdb.InvalidCiException;
import io.flowdesk.domain.cmdb.LifecycleStatus;
import io.flowdesk.domain.cmdb.RelationshipType;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Turns what the API's JSON and the pages' forms send into domain input, refusing what is not
 * understood with an {@link InvalidCiException} naming the field (as the domain's own checks do).
 */
final class CiInput {

  static final Set<String> FIELDS =
      Set.of(
          "class",
          "name",
          "owner",
          "supportGroup",
          "environment",
          "status",
          "criticality",
          "maintenanceWindow",
          "attributes");

  private CiInput() {}

  /** A draft from a JSON body (field names as in {@link #FIELDS}). */
  static CiDraft fromJson(final Map<String, Object> body) {
    if (body == null) {
      throw new InvalidCiException("ci", "the body is missing");
    }
    final Set<String> unknown = new TreeSet<>(body.keySet());
    unknown.removeAll(FIELDS);
    if (!unknown.isEmpty()) {
      throw new InvalidCiException(unknown.iterator().next(), "is not a field of a CI");
    }
    final Object attributes = body.get("attributes");
    if (attributes != null && !(attributes instanceof Map<?, ?>)) {
      throw new InvalidCiException("attributes", "must be an object of attribute values");
    }
    final Map<String, Object> values = new LinkedHashMap<>();
    if (attributes instanceof Map<?, ?> given) {
      given.forEach((key, value) -> values.put(String.valueOf(key), value));
    }
    return new CiDraft(
        text(body, "class"),
        text(body, "name"),
        text(body, "owner"),
        text(body, "supportGroup"),
        choice("environment", text(body, "environment"), Environment.class),
        choice("status", text(body, "status"), LifecycleStatus.class),
        choice("criticality", text(body, "criticality"), Criticality.class),
        text(body, "maintenanceWindow"),
        values);
  }

  /** A draft from a form: the fields by name, attribute values as {@code attr.<name>}. */
  static CiDraft fromForm(final Map<String, String> form) {
    final Map<String, Object> attributes = new LinkedHashMap<>();
    form.forEach(
        (key, value) -> {
          if (key.startsWith("attr.")) {
            attributes.put(key.substring("attr.".length()), value);
          }
        });
    return new CiDraft(
        form.get("class"),
        form.get("name"),
        form.get("owner"),
        form.get("supportGroup"),
        choice("environment", form.get("environment"), Environment.class),
        choice("status", form.get("status"), LifecycleStatus.class),
        choice("criticality", form.get("criticality"), Criticality.class),
        form.get("maintenanceWindow"),
        attributes);
  }

  /** {@code runs_on}, {@code RUNS_ON} or {@code runs on}. */
  static RelationshipType relationshipType(final String given) {
    if (given == null || given.isBlank()) {
      throw new InvalidCiException("type", "is required");
    }
    return choice("type", given.strip().replace(' ', '_'), RelationshipType.class);
  }

  static UUID ciId(final String field, final Object given) {
    if (given == null || given.toString().isBlank()) {
      throw new InvalidCiException(field, "is required (a CI id)");
    }
    try {
      return UUID.fromString(given.toString().strip());
    } catch (IllegalArgumentException e) {
      throw new InvalidCiException(field, "'" + given + "' is not a CI id");
    }
  }

  /** An enum constant by name, ignoring case; null or blank is none. */
  static <E extends Enum<E>> E choice(final String field, final String given, final Class<E> type) {
    if (given == null || given.isBlank()) {
      return null;
    }
    try {
      return Enum.valueOf(type, given.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidCiException(
          field,
          "'"
              + given
              + "' is not one of "
              + Arrays.stream(type.getEnumConstants())
                  .map(Enum::name)
                  .collect(Collectors.joining(", ")));
    }
  }

  private static String text(final Map<String, Object> body, final String field) {
    final Object value = body.get(field);
    if (value != null && !(value instanceof String)) {
      throw new InvalidCiException(field, "must be text");
    }
    return (String) value;
  }
}
