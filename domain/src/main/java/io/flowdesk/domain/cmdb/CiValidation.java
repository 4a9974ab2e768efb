package io.flowdesk.domain.cmdb;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Checks a {@link CiDraft} against its class before anything is written, so that bad input is an
 * {@link InvalidCiException} naming the field ({@code attributes.<name>} for attribute values),
 * never a database error or a half-written CI.
 */
final class CiValidation {

  static final int NAME = 200;
  static final int TEXT = 1_000;
  private static final Pattern USERNAME = Pattern.compile("^[a-z0-9._-]{1,64}$");

  private CiValidation() {}

  /**
   * @param classOf the class of the CI an id names, empty if there is none (for reference
   *     attributes, which may name the class the CI must be of)
   */
  static CheckedCi check(
      final CiDraft draft, final CiClass ciClass, final Function<UUID, Optional<String>> classOf) {
    if (draft == null) {
      throw new InvalidCiException("ci", "is missing");
    }
    final String name = strip(draft.name());
    if (name == null) {
      throw new InvalidCiException("name", "is required");
    }
    if (name.length() > NAME) {
      throw new InvalidCiException(
          "name", "is too long: " + name.length() + " characters, at most " + NAME);
    }
    final String owner = username("owner", draft.owner());
    final String group = username("supportGroup", draft.supportGroup());
    if (draft.environment() == null) {
      throw new InvalidCiException("environment", "is required");
    }
    if (draft.status() == null) {
      throw new InvalidCiException("status", "is required");
    }
    if (draft.criticality() != null && !ciClass.service()) {
      throw new InvalidCiException(
          "criticality",
          "only business services and applications (service classes) have a criticality, not a "
              + ciClass.label());
    }
    final MaintenanceWindow window = MaintenanceWindow.parse(draft.maintenanceWindow());
    if (window != null && window.toString().length() > 500) {
      throw new InvalidCiException("maintenanceWindow", "is too long");
    }
    return new CheckedCi(
        name,
        owner,
        group,
        draft.environment(),
        draft.status(),
        draft.criticality(),
        window,
        attributes(draft.attributes(), ciClass, classOf));
  }

  private static Map<String, Object> attributes(
      final Map<String, Object> given,
      final CiClass ciClass,
      final Function<UUID, Optional<String>> classOf) {
    final Map<String, Object> values = given == null ? Map.of() : given;
    for (final String key : values.keySet()) {
      if (ciClass.attribute(key).isEmpty()) {
        throw new InvalidCiException(
            "attributes." + key, "is not an attribute of " + ciClass.label());
      }
    }
    final Map<String, Object> checked = new LinkedHashMap<>();
    for (final AttributeDefinition definition : ciClass.attributes()) {
      final Object raw = values.get(definition.name());
      final boolean empty = raw == null || raw instanceof String text && text.isBlank();
      if (empty) {
        if (definition.required()) {
          throw new InvalidCiException("attributes." + definition.name(), "is required");
        }
        continue;
      }
      checked.put(definition.name(), value(definition, raw, classOf));
    }
    return checked;
  }

  /** The value as stored: text, a number, an ISO date, an option, a CI id. */
  private static Object value(
      final AttributeDefinition definition,
      final Object raw,
      final Function<UUID, Optional<String>> classOf) {
    final String field = "attributes." + definition.name();
    final String text = raw.toString().strip();
    return switch (definition.type()) {
      case TEXT -> {
        if (!(raw instanceof String)) {
          throw new InvalidCiException(field, "must be text");
        }
        if (text.length() > TEXT) {
          throw new InvalidCiException(
              field, "is too long: " + text.length() + " characters, at most " + TEXT);
        }
        yield text;
      }
      case NUMBER -> {
        if (!(raw instanceof Number || raw instanceof String)) {
          throw new InvalidCiException(field, "must be a number");
        }
        try {
          yield asJsonReadsIt(new BigDecimal(text));
        } catch (NumberFormatException e) {
          throw new InvalidCiException(field, "'" + text + "' is not a number");
        }
      }
      case DATE -> {
        try {
          yield LocalDate.parse(text).toString();
        } catch (DateTimeParseException e) {
          throw new InvalidCiException(field, "'" + text + "' is not a date like 2027-03-31");
        }
      }
      case CHOICE -> {
        if (!definition.options().contains(text)) {
          throw new InvalidCiException(
              field,
              "'"
                  + text
                  + "' is not one of the options: "
                  + String.join(", ", definition.options()));
        }
        yield text;
      }
      case REFERENCE -> {
        final UUID id;
        try {
          id = UUID.fromString(text);
        } catch (IllegalArgumentException e) {
          throw new InvalidCiException(field, "'" + text + "' is not a CI id");
        }
        final String referenced =
            classOf
                .apply(id)
                .orElseThrow(() -> new InvalidCiException(field, "there is no CI " + id));
        if (definition.referenceClass() != null
            && !definition.referenceClass().equals(referenced)) {
          throw new InvalidCiException(
              field,
              "must be a CI of class "
                  + definition.referenceClass()
                  + " ("
                  + id
                  + " is a "
                  + referenced
                  + ")");
        }
        yield id.toString();
      }
    };
  }

  // As JSON reads it back (int, long, big integer or double), so a stored CI equals the one read.
  private static Object asJsonReadsIt(final BigDecimal number) {
    final BigDecimal plain = number.stripTrailingZeros();
    if (plain.scale() > 0) {
      return plain.doubleValue();
    }
    final java.math.BigInteger integer = plain.toBigIntegerExact();
    if (integer.bitLength() < 32) {
      return integer.intValue();
    }
    return integer.bitLength() < 64 ? (Object) integer.longValue() : integer;
  }

  private static String username(final String field, final String value) {
    final String given = strip(value);
    if (given != null && !USERNAME.matcher(given).matches()) {
      throw new InvalidCiException(
          field, "'" + given + "' is not a name like network-team (a–z, 0–9, '.', '_', '-')");
    }
    return given;
  }

  private static String strip(final String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  /**
   * Checks a class an admin defines.
   *
   * @param classExists whether a class of that name exists (for reference attributes' target)
   */
  static void check(final CiClass defined, final Predicate<String> classExists) {
    if (defined == null
        || defined.name() == null
        || !defined.name().matches("^[a-z][a-z0-9_]{0,63}$")) {
      throw new InvalidCiException(
          "name", "a class name is 1–64 of a–z, 0–9 and '_', starting with a letter");
    }
    if (defined.label() == null || defined.label().isBlank() || defined.label().length() > NAME) {
      throw new InvalidCiException("label", "is required, at most " + NAME + " characters");
    }
    final java.util.Set<String> seen = new java.util.HashSet<>();
    for (final AttributeDefinition attribute : defined.attributes()) {
      final String field = "attributes." + attribute.name();
      if (attribute.name() == null || !attribute.name().matches("^[a-z][a-zA-Z0-9_]{0,63}$")) {
        throw new InvalidCiException(
            "attributes", "'" + attribute.name() + "' is not an attribute name like warrantyUntil");
      }
      if (!seen.add(attribute.name())) {
        throw new InvalidCiException(field, "is defined twice");
      }
      if (attribute.label() == null || attribute.label().isBlank()) {
        throw new InvalidCiException(field, "needs a label");
      }
      if (attribute.type() == null) {
        throw new InvalidCiException(field, "needs a type");
      }
      if (attribute.type() == AttributeType.CHOICE
          && (attribute.options().isEmpty()
              || attribute.options().stream().anyMatch(o -> o == null || o.isBlank()))) {
        throw new InvalidCiException(field, "a choice needs its options");
      }
      if (attribute.referenceClass() != null) {
        if (attribute.type() != AttributeType.REFERENCE) {
          throw new InvalidCiException(field, "only a reference refers to a class");
        }
        if (!attribute.referenceClass().equals(defined.name())
            && !classExists.test(attribute.referenceClass())) {
          throw new InvalidCiException(
              field, "refers to class " + attribute.referenceClass() + ", which does not exist");
        }
      }
    }
  }
}
