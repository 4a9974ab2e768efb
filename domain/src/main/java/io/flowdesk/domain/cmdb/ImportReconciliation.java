package io.flowdesk.domain.cmdb;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Decides, row by row, what an import does: a CI row is identified by class + serial number when it
 * has one (so a renamed server is still found), else by class + name; it becomes an insert, an
 * update of the fields that differ, or nothing. Rows that name the same CI twice, an unknown class,
 * a bad value, or a relationship to a CI that is neither imported nor in the CMDB are rejected with
 * the reason; the valid rows are planned on their own.
 */
final class ImportReconciliation {

  private static final ImportReject.Kind CI = ImportReject.Kind.CI;
  private static final ImportReject.Kind RELATIONSHIP = ImportReject.Kind.RELATIONSHIP;

  private final Map<String, CiClass> classes;
  private final ExistingCis existing;
  private final Function<UUID, Optional<String>> classOf;
  private final ImportPlan plan = new ImportPlan();
  // class + name -> the CI it names after this import, and the rows that were rejected by it.
  private final Map<String, ImportPlan.Write> planned = new HashMap<>();
  private final Map<String, Long> rejectedNames = new HashMap<>();
  private final Map<UUID, Long> claimed = new HashMap<>();

  ImportReconciliation(
      final Map<String, CiClass> classes,
      final ExistingCis existing,
      final Function<UUID, Optional<String>> classOf) {
    this.classes = classes;
    this.existing = existing;
    this.classOf = classOf;
  }

  ImportPlan plan(final CiImport run) {
    plan.rejects.addAll(run.unreadable());
    final Map<String, List<Long>> rowsByKey = new HashMap<>();
    for (final CiImportRow row : run.cis()) {
      final String name = strip(row.name());
      if (name != null && row.className() != null) {
        rowsByKey
            .computeIfAbsent(nameKey(row.className(), name), k -> new ArrayList<>())
            .add(row.row());
        final String serial = strip(row.serialNumber());
        if (serial != null) {
          rowsByKey
              .computeIfAbsent(serialKey(row.className(), serial), k -> new ArrayList<>())
              .add(row.row());
        }
      }
    }
    for (final CiImportRow row : run.cis()) {
      try {
        ci(row, rowsByKey);
      } catch (InvalidCiException e) {
        plan.reject(CI, row.row(), e.getMessage());
        final String name = strip(row.name());
        if (row.className() != null && name != null) {
          rejectedNames.putIfAbsent(nameKey(row.className(), name), row.row());
        }
      }
    }
    final Map<String, Long> seenLinks = new HashMap<>();
    for (final RelationshipImportRow row : run.relationships()) {
      try {
        relationship(row, seenLinks);
      } catch (InvalidCiException e) {
        plan.reject(RELATIONSHIP, row.row(), e.getMessage());
      }
    }
    return plan;
  }

  private void ci(final CiImportRow row, final Map<String, List<Long>> rowsByKey) {
    final CiClass ciClass = knownClass("class", row.className());
    final String name = strip(row.name());
    if (name == null) {
      throw new InvalidCiException("name", "is required");
    }
    final String serial = strip(row.serialNumber());
    if (serial != null && serial.length() > CiValidation.NAME) {
      throw new InvalidCiException("serialNumber", "is longer than " + CiValidation.NAME);
    }
    duplicate(rowsByKey.get(nameKey(ciClass.name(), name)), row, ciClass.label() + " " + name);
    if (serial != null) {
      duplicate(
          rowsByKey.get(serialKey(ciClass.name(), serial)),
          row,
          ciClass.label() + " with serial number " + serial);
    }
    final ExistingCis.Stored match = match(ciClass, name, serial);
    if (match != null) {
      final Long other = claimed.putIfAbsent(match.ci().id(), row.row());
      if (other != null) {
        throw new InvalidCiException(
            "duplicate", "row " + other + " reports the same CI (" + match.ci().name() + ")");
      }
    }
    final ConfigurationItem before = match == null ? null : match.ci();
    final CheckedCi checked =
        CiValidation.check(draft(row, ciClass, name, before), ciClass, classOf);
    final UUID id = match == null ? UUID.randomUUID() : before.id();
    final String newSerial =
        row.serialNumber() == null && match != null ? match.serialNumber() : serial;
    final ImportPlan.Write write =
        new ImportPlan.Write(
            id, ciClass.name(), newSerial, checked, match == null ? -1 : before.version());
    final ConfigurationItem after = view(id, ciClass.name(), checked);
    final List<CiChanges.FieldChange> changes = new ArrayList<>();
    if (match == null) {
      changes.add(new CiChanges.FieldChange("class", null, ciClass.name()));
    }
    changes.addAll(CiChanges.between(before, after));
    CiChanges.add(changes, "serialNumber", match == null ? null : match.serialNumber(), newSerial);
    if (match == null) {
      plan.inserts.add(write);
    } else if (changes.isEmpty()) {
      plan.unchanged++;
    } else {
      plan.updates.add(write);
    }
    changes.forEach(
        c -> plan.history.add(new ImportPlan.Entry(id, c.field(), c.before(), c.after())));
    plan.reported.add(id);
    planned.put(nameKey(ciClass.name(), name), write);
  }

  // Two rows for one CI cannot both be right: neither is loaded.
  private static void duplicate(final List<Long> rows, final CiImportRow row, final String what) {
    if (rows != null && rows.size() > 1) {
      throw new InvalidCiException(
          "duplicate",
          what
              + " is also in row "
              + rows.stream()
                  .filter(r -> r != row.row())
                  .map(String::valueOf)
                  .collect(Collectors.joining(", ")));
    }
  }

  private ExistingCis.Stored match(final CiClass ciClass, final String name, final String serial) {
    if (serial != null) {
      final ExistingCis.Stored bySerial = existing.bySerial(ciClass.name(), serial);
      if (bySerial != null) {
        final ExistingCis.Stored holder = existing.byName(ciClass.name(), name);
        if (holder != null && holder != bySerial) {
          throw new InvalidCiException(
              "name",
              "there is another "
                  + ciClass.label()
                  + " named "
                  + name
                  + " already (the CI with serial number "
                  + serial
                  + " is "
                  + bySerial.ci().name()
                  + ")");
        }
        return bySerial;
      }
    }
    final ExistingCis.Stored byName = existing.byName(ciClass.name(), name);
    if (byName != null
        && serial != null
        && byName.serialNumber() != null
        && !byName.serialNumber().equals(serial)) {
      throw new InvalidCiException(
          "serialNumber",
          ciClass.label()
              + " "
              + name
              + " has serial number "
              + byName.serialNumber()
              + ", not "
              + serial
              + ": a different device needs a different name");
    }
    return byName;
  }

  // Fields the row does not report keep the CI's values; a CI the source reports again after it
  // was retired is back in service unless the row says otherwise.
  private static CiDraft draft(
      final CiImportRow row,
      final CiClass ciClass,
      final String name,
      final ConfigurationItem before) {
    final Environment environment =
        row.environment() == null && before != null
            ? before.environment()
            : value(Environment.class, "environment", row.environment());
    LifecycleStatus status = value(LifecycleStatus.class, "status", row.status());
    if (status == null) {
      status =
          before == null || before.status() == LifecycleStatus.RETIRED
              ? LifecycleStatus.IN_SERVICE
              : before.status();
    }
    final Map<String, Object> attributes =
        new LinkedHashMap<>(before == null ? Map.of() : before.attributes());
    // A file of several classes has every class's columns; a blank value of another class's
    // attribute is no value at all.
    row.attributes()
        .forEach(
            (key, value) -> {
              if (ciClass.attribute(key).isPresent() || !blank(value)) {
                attributes.put(key, value);
              }
            });
    return new CiDraft(
        ciClass.name(),
        name,
        row.owner() == null && before != null ? before.owner() : row.owner(),
        row.supportGroup() == null && before != null ? before.supportGroup() : row.supportGroup(),
        environment,
        status,
        before == null ? null : before.criticality(),
        before == null || before.maintenanceWindow() == null
            ? null
            : before.maintenanceWindow().toString(),
        attributes);
  }

  private void relationship(final RelationshipImportRow row, final Map<String, Long> seen) {
    final RelationshipType type = value(RelationshipType.class, "type", row.type());
    if (type == null) {
      throw new InvalidCiException("type", "is required");
    }
    final UUID source = resolve("source", row.sourceClass(), row.sourceName());
    final Target target = target(row);
    if (source.equals(target.id())) {
      throw new InvalidCiException("target", "a CI cannot have a relationship to itself");
    }
    final String key = source + " " + type + " " + target.id();
    final Long other = seen.putIfAbsent(key, row.row());
    if (other != null) {
      throw new InvalidCiException("duplicate", "row " + other + " has the same relationship");
    }
    plan.links.add(new ImportPlan.Link(source, type, target.id(), target.label()));
  }

  private record Target(UUID id, String label) {}

  private Target target(final RelationshipImportRow row) {
    final UUID id = resolve("target", row.targetClass(), row.targetName());
    return new Target(id, strip(row.targetName()) + " (" + row.targetClass().strip() + ")");
  }

  private UUID resolve(final String field, final String className, final String rawName) {
    final CiClass ciClass = knownClass(field, className == null ? null : className.strip());
    final String name = strip(rawName);
    if (name == null) {
      throw new InvalidCiException(field, "needs a CI name");
    }
    final String key = nameKey(ciClass.name(), name);
    final ImportPlan.Write write = planned.get(key);
    if (write != null) {
      return write.id();
    }
    final Long rejected = rejectedNames.get(key);
    if (rejected != null) {
      throw new InvalidCiException(
          field, ciClass.label() + " " + name + " was rejected (row " + rejected + ")");
    }
    final ExistingCis.Stored stored = existing.byName(ciClass.name(), name);
    if (stored == null) {
      throw new InvalidCiException(
          field,
          "there is no " + ciClass.label() + " named " + name + " in this import or the CMDB");
    }
    return stored.ci().id();
  }

  private CiClass knownClass(final String field, final String name) {
    if (name == null || name.isBlank()) {
      throw new InvalidCiException(field, "needs a CI class");
    }
    final CiClass ciClass = classes.get(name.strip());
    if (ciClass == null) {
      throw new InvalidCiException(field, "there is no CI class " + name.strip());
    }
    return ciClass;
  }

  /** {@code production}, {@code In service}, {@code depends-on} read as the constant's name. */
  private static <E extends Enum<E>> E value(
      final Class<E> type, final String field, final String text) {
    final String given = strip(text);
    if (given == null) {
      return null;
    }
    final String constant = given.toUpperCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
    for (final E value : type.getEnumConstants()) {
      if (value.name().equals(constant)) {
        return value;
      }
    }
    throw new InvalidCiException(
        field,
        "'"
            + given
            + "' is not one of "
            + java.util.Arrays.stream(type.getEnumConstants())
                .map(e -> e.name().toLowerCase(Locale.ROOT).replace('_', ' '))
                .collect(Collectors.joining(", ")));
  }

  private static ConfigurationItem view(final UUID id, final String className, final CheckedCi ci) {
    return new ConfigurationItem(
        id,
        className,
        ci.name(),
        ci.owner(),
        ci.supportGroup(),
        ci.environment(),
        ci.status(),
        ci.criticality(),
        ci.maintenanceWindow(),
        ci.attributes(),
        null,
        null,
        0);
  }

  private static String nameKey(final String className, final String name) {
    return ExistingCis.key(className.strip(), "name " + name);
  }

  private static String serialKey(final String className, final String serial) {
    return ExistingCis.key(className.strip(), "serial " + serial);
  }

  private static boolean blank(final Object value) {
    return value == null || value instanceof String text && text.isBlank();
  }

  private static String strip(final String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
