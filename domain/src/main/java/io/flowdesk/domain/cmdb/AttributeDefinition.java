package io.flowdesk.domain.cmdb;

import java.util.List;

/**
 * One attribute a CI class defines: its name (the key in a CI's attributes), label, type, whether a
 * CI of the class must have it, and for {@link AttributeType#CHOICE} the options.
 */
public record AttributeDefinition(
    String name, String label, AttributeType type, boolean required, List<String> options) {

  public AttributeDefinition {
    options = options == null ? List.of() : List.copyOf(options);
  }
}
