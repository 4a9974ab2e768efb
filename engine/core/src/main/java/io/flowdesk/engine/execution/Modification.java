package io.flowdesk.engine.execution;

import io.flowdesk.engine.support.Rejection;
import java.util.List;
import java.util.Map;

/**
 * An operator's repair of a running instance: elements to activate (with variables), element
 * instances to terminate, and moves (terminate the instances of a source, activate a target once
 * for each). Applied all or nothing: activations (those of moves included) first, then
 * terminations.
 */
public record Modification(
    List<Activation> activations, List<Long> terminations, List<Move> moves) {

  /** Activations and terminations only (gRPC and the start instructions have no moves). */
  public Modification(final List<Activation> activations, final List<Long> terminations) {
    this(activations, terminations, List.of());
  }

  /**
   * Activates {@code elementId}; {@code ancestorElementInstanceKey} (0 when not given) picks the
   * flow scope instance to activate it in: that instance or one of its descendants.
   */
  public record Activation(
      String elementId, long ancestorElementInstanceKey, List<VariableInstruction> variables) {}

  /**
   * Variables set before the activation: locally in scope {@code scopeId}, or globally if empty.
   */
  public record VariableInstruction(Map<String, Object> variables, String scopeId) {}

  /**
   * Terminates the active instances of {@code sourceElementId} (of a multi-instance activity: its
   * bodies), or the one instance {@code sourceElementInstanceKey} (when above 0), and activates
   * {@code targetElementId} once for each, in the scope {@code ancestor} picks.
   */
  public record Move(
      String sourceElementId,
      long sourceElementInstanceKey,
      String targetElementId,
      AncestorScope ancestor,
      List<VariableInstruction> variables) {}

  /**
   * Where a move's target is activated: {@link Kind#DIRECT} in the instance {@code key} (or, with
   * -1 or 0, in the one active instance of its flow scope, as an activation without ancestor);
   * {@link Kind#SOURCE_PARENT} in the source's flow scope instance; {@link Kind#INFERRED} in the
   * nearest ancestor of the source that is an instance of one of the target's flow scopes.
   */
  public record AncestorScope(Kind kind, long key) {

    /** The default: as an activation without an ancestor key. */
    public static final AncestorScope NONE = new AncestorScope(Kind.DIRECT, -1);

    /** How the ancestor is chosen. */
    public enum Kind {
      DIRECT,
      INFERRED,
      SOURCE_PARENT
    }
  }

  /** Refuses a modification of an instance of {@code bpmnProcessId}, naming why. */
  static Rejection rejected(final String bpmnProcessId, final String reason) {
    return Rejection.invalidArgument(
        "Expected to modify instance of process '" + bpmnProcessId + "' but it " + reason);
  }
}
