package io.flowdesk.domain.cmdb;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The fields that differ between two states of a CI, as its history records them (text before and
 * after). One place for people's edits ({@link Cmdb}) and imports ({@link CmdbImport}).
 */
final class CiChanges {

  /** One field's change. */
  record FieldChange(String field, String before, String after) {}

  private CiChanges() {}

  /** Changes from {@code before} (null for a new CI) to {@code after}, attributes by name. */
  static List<FieldChange> between(final ConfigurationItem before, final ConfigurationItem after) {
    final List<FieldChange> changes = new ArrayList<>();
    add(changes, "name", before == null ? null : before.name(), after.name());
    add(changes, "owner", before == null ? null : before.owner(), after.owner());
    add(
        changes,
        "supportGroup",
        before == null ? null : before.supportGroup(),
        after.supportGroup());
    add(changes, "environment", before == null ? null : before.environment(), after.environment());
    add(changes, "status", before == null ? null : before.status(), after.status());
    add(changes, "criticality", before == null ? null : before.criticality(), after.criticality());
    add(
        changes,
        "maintenanceWindow",
        before == null ? null : before.maintenanceWindow(),
        after.maintenanceWindow());
    final Map<String, Object> old = before == null ? Map.of() : before.attributes();
    final TreeSet<String> names = new TreeSet<>(old.keySet());
    names.addAll(after.attributes().keySet());
    for (final String name : names) {
      add(changes, "attributes." + name, old.get(name), after.attributes().get(name));
    }
    return changes;
  }

  static void add(
      final List<FieldChange> changes,
      final String field,
      final Object before,
      final Object after) {
    final String old = text(before);
    final String now = text(after);
    if (!Objects.equals(old, now)) {
      changes.add(new FieldChange(field, old, now));
    }
  }

  // Numbers read back from JSON may differ in type (1 vs 1.0 vs BigDecimal): compared as plain
  // text.
  private static String text(final Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Number number) {
      return new BigDecimal(number.toString()).stripTrailingZeros().toPlainString();
    }
    return value.toString();
  }
}
