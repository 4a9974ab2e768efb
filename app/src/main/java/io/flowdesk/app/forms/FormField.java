package io.flowdesk.app.forms;

import java.util.Map;
import java.util.Optional;

/**
 * An input component together with its {@code name}: the full dotted variable path it binds to,
 * which is the key prefixed by the {@code path} of every enclosing group (form-js semantics). The
 * name is also the HTML form parameter the field posts.
 */
public record FormField(FormComponent component, String name) {

  /** The component type. */
  public ComponentType type() {
    return component.kind();
  }

  /** The field's value among {@code variables} (at its dotted path); empty when absent or null. */
  public Optional<Object> valueIn(final Map<String, ?> variables) {
    return VariablePaths.find(variables, name);
  }
}
