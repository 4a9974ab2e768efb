package io.flowdesk.engine.execution;

import io.flowdesk.engine.support.Rejection;
import java.util.List;
import java.util.Map;

/**
 * An operator's repair of a running instance: elements to activate (with variables) and element
 * instances to terminate. Applied all or nothing: activations first, then terminations.
 */
public record Modification(List<Activation> activations, List<Long> terminations) {

  /**
   * Activates {@code elementId}; {@code ancestorElementInstanceKey} (0 when not given) picks the
   * flow scope instance to activate it in.
   */
  public record Activation(
      String elementId, long ancestorElementInstanceKey, List<VariableInstruction> variables) {}

  /**
   * Variables set before the activation: locally in scope {@code scopeId}, or globally if empty.
   */
  public record VariableInstruction(Map<String, Object> variables, String scopeId) {}

  /** Refuses a modification of an instance of {@code bpmnProcessId}, naming why. */
  static Rejection rejected(final String bpmnProcessId, final String reason) {
    return Rejection.invalidArgument(
        "Expected to modify instance of process '" + bpmnProcessId + "' but it " + reason);
  }
}
