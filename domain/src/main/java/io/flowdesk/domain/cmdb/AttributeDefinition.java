package io.flowdesk.domain.cmdb;

import java.util.List;

/**
 * One attribute a CI class defines: its name (the key in a CI's attributes), label, type, whether a
 * CI of the class must have it, for {@link AttributeType#CHOICE} the options, and for {@link
 * AttributeType#REFERENCE} the class the referenced CI must be of ({@code referenceClass}; null for
 * any class).
 */
public record AttributeDefinition(
    String name,
    String label,
    AttributeType type,
    boolean required,
    List<String> options,
    String referenceClass) {

  public AttributeDefinition {
    options = options == null ? List.of() : List.copyOf(options);
    referenceClass = referenceClass == null || referenceClass.isBlank() ? null : referenceClass;
  }

  /** An attribute that refers to no particular class. */
  public AttributeDefinition(
      final String name,
      final String label,
      final AttributeType type,
      final boolean required,
      final List<String> options) {
    this(name, label, type, required, options, null);
  }
}
