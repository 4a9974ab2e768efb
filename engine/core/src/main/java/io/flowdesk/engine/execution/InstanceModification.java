package io.flowdesk.engine.execution;

import io.flowdesk.engine.model.BpmnElementType;
import io.flowdesk.engine.model.ExecutableProcess;
import io.flowdesk.engine.model.FlowElement;
import io.flowdesk.engine.state.ElementInstance;
import io.flowdesk.engine.state.InstanceState;
import io.flowdesk.engine.support.Rejection;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * An operator's modification (activate and terminate instructions) and the start instructions of an
 * instance created before given elements: elements activated without the flows that lead to them,
 * in flow scopes created without their start events when there are none.
 */
final class InstanceModification {

  private final ExecutionContext context;
  private final InstanceState state;
  private final ExecutableProcess process;

  InstanceModification(final ExecutionContext context) {
    this.context = context;
    this.state = context.state();
    this.process = context.process();
  }

  /**
   * Every activation, then every termination; the caller runs the agenda after each. Moves are
   * resolved first, while the instances they name are still there: each becomes an activation of
   * its target and a termination of its source.
   */
  Modification resolveMoves(final Modification modification) {
    if (modification.moves().isEmpty()) {
      return modification;
    }
    final List<Modification.Activation> activations = new ArrayList<>(modification.activations());
    final List<Long> terminations = new ArrayList<>(modification.terminations());
    for (final Modification.Move move : modification.moves()) {
      for (final ElementInstance source : sources(move)) {
        activations.add(
            new Modification.Activation(
                move.targetElementId(), ancestorKey(move, source), move.variables()));
        terminations.add(source.key());
      }
    }
    return new Modification(activations, terminations);
  }

  void activateAll(final Modification modification) {
    for (final Modification.Activation activation : modification.activations()) {
      activate(activation, "activate", this::rejected);
    }
  }

  void terminateAll(final Modification modification) {
    for (final long key : modification.terminations()) {
      terminate(key);
    }
  }

  /**
   * Activates the element an instruction of a {@code kind} ("activate", "start") names; {@code
   * rejected} refuses it, naming why, when the element cannot be activated.
   */
  void activate(
      final Modification.Activation activation,
      final String kind,
      final Function<String, Rejection> rejected) {
    final FlowElement element = process.elements().get(activation.elementId());
    if (element == null || element.type() == BpmnElementType.PROCESS) {
      throw rejected.apply(
          "contains one or more "
              + kind
              + " instructions with an element that could not be found: '"
              + activation.elementId()
              + "'");
    }
    final String notActivatable = notActivatable(element);
    if (notActivatable != null) {
      throw rejected.apply(
          "contains one or more "
              + kind
              + " instructions with an element that is not supported: '"
              + element.id()
              + "' is "
              + notActivatable);
    }
    final ElementInstance ancestor =
        activation.ancestorElementInstanceKey() > 0
            ? ancestor(activation.ancestorElementInstanceKey())
            : null;
    final ElementInstance scope = scopeInstance(element, element.flowScopeId(), ancestor, rejected);
    for (final Modification.VariableInstruction instruction : activation.variables()) {
      final long scopeKey =
          instruction.scopeId() == null || instruction.scopeId().isEmpty()
              ? state.processInstance().key()
              : variableScope(scope, instruction.scopeId());
      instruction
          .variables()
          .forEach((name, value) -> context.variables().setLocal(scopeKey, name, value));
    }
    context.transitions().createAndSchedule(element, scope.key());
  }

  /**
   * Why Camunda 8.8 refuses to activate the element (its documented limitations of process instance
   * modification), or null. Elements inside a multi-instance sub-process are checked with the
   * scope: they can be activated in an existing inner instance named as ancestor.
   */
  private String notActivatable(final FlowElement element) {
    if (element.type() == BpmnElementType.START_EVENT) {
      return "a start event, which a modification cannot activate (activate the element after it,"
          + " or the sub-process, instead)";
    }
    if (element.type() == BpmnElementType.BOUNDARY_EVENT) {
      return "a boundary event, which a modification cannot activate (activate the element after"
          + " it instead)";
    }
    for (final String flowId : element.incoming()) {
      if (process.element(process.sequenceFlow(flowId).sourceId()).type()
          == BpmnElementType.EVENT_BASED_GATEWAY) {
        return "an event after an event-based gateway, which a modification cannot activate"
            + " (activate the gateway or the element after the event instead)";
      }
    }
    return null;
  }

  /**
   * The instance of flow scope {@code scopeId} to activate {@code element} in: the {@code ancestor}
   * itself when it is one, else the one active instance of the scope inside the ancestor (or the
   * process), created (activated without its start event and input mappings, its subscriptions
   * opened) when there is none. Inside a multi-instance sub-process only an existing inner instance
   * will do, named as ancestor: the engine cannot create one without its input element.
   */
  private ElementInstance scopeInstance(
      final FlowElement element,
      final String scopeId,
      final ElementInstance ancestor,
      final Function<String, Rejection> rejected) {
    if (ancestor != null && isInstanceOf(ancestor, scopeId)) {
      return ancestor;
    }
    if (scopeId.equals(process.bpmnProcessId())) {
      if (ancestor != null) {
        throw rejected(
            "contains an activate instruction with an ancestor scope key '"
                + ancestor.key()
                + "' that is not an instance of a flow scope of element '"
                + element.id()
                + "'");
      }
      return state.processElementInstance().orElseThrow();
    }
    final FlowElement scopeElement = process.element(scopeId);
    final ElementInstance parent =
        scopeInstance(element, scopeElement.flowScopeId(), ancestor, rejected);
    if (scopeElement.multiInstance() != null) {
      throw rejected.apply(
          "contains one or more activate instructions with an element that is not supported: '"
              + element.id()
              + "' is inside the multi-instance sub-process '"
              + scopeId
              + "'; give the key of one of its inner instances as ancestorElementInstanceKey");
    }
    final List<ElementInstance> active =
        state.children(parent.key()).stream()
            .filter(child -> child.elementId().equals(scopeId))
            .toList();
    if (active.size() > 1) {
      throw rejected(
          "contains an activate instruction for an element in flow scope '"
              + scopeId
              + "', which has more than one active instance; give one of them as"
              + " ancestorElementInstanceKey");
    }
    if (active.size() == 1) {
      return active.get(0);
    }
    final ElementInstance created =
        state.addElementInstance(
            context.services().keys().next(), parent.key(), scopeId, scopeElement.type());
    context.records().element(created, "ELEMENT_ACTIVATING");
    context.subscriptions().open(created, scopeElement);
    context.transitions().markActivated(created);
    return created;
  }

  /** An instance of the flow scope itself (the inner instance, not a multi-instance body). */
  private boolean isInstanceOf(final ElementInstance instance, final String scopeId) {
    return instance.isProcess()
        ? scopeId.equals(process.bpmnProcessId())
        : instance.elementId().equals(scopeId)
            && instance.type() != BpmnElementType.MULTI_INSTANCE_BODY;
  }

  private ElementInstance ancestor(final long ancestorKey) {
    return state
        .elementInstance(ancestorKey)
        .filter(
            i ->
                i.state() == ElementInstance.State.ACTIVATED
                    || i.state() == ElementInstance.State.ACTIVATING)
        .orElseThrow(
            () ->
                rejected(
                    "contains an activate instruction with an ancestor scope key that does not"
                        + " exist, or is not in an active state: '"
                        + ancestorKey
                        + "'"));
  }

  /**
   * The instances a move terminates: the one it names by key, or every active instance of its
   * source element (of a multi-instance activity, the bodies: each body becomes one target).
   */
  private List<ElementInstance> sources(final Modification.Move move) {
    if (move.sourceElementInstanceKey() > 0) {
      final ElementInstance source =
          state
              .elementInstance(move.sourceElementInstanceKey())
              .filter(i -> !i.isProcess())
              .orElseThrow(
                  () ->
                      rejected(
                          "contains a move instruction with a source element instance that could"
                              + " not be found: '"
                              + move.sourceElementInstanceKey()
                              + "'"));
      return List.of(source);
    }
    final List<ElementInstance> sources = new ArrayList<>();
    collect(state.processInstance().key(), move.sourceElementId(), sources);
    if (sources.isEmpty()) {
      throw rejected(
          "contains a move instruction for element '"
              + move.sourceElementId()
              + "', which has no active instance");
    }
    return sources;
  }

  /** Outermost active instances of {@code elementId} below {@code scopeKey}, in key order. */
  private void collect(
      final long scopeKey, final String elementId, final List<ElementInstance> out) {
    final List<ElementInstance> children =
        state.children(scopeKey).stream()
            .sorted(java.util.Comparator.comparingLong(ElementInstance::key))
            .toList();
    for (final ElementInstance child : children) {
      if (child.elementId().equals(elementId)) {
        out.add(child); // a multi-instance body: its inner instances go with it
      } else {
        collect(child.key(), elementId, out);
      }
    }
  }

  /** The ancestor key a move's activation gets (0: the target's flow scope, as without one). */
  private long ancestorKey(final Modification.Move move, final ElementInstance source) {
    return switch (move.ancestor().kind()) {
      case DIRECT -> Math.max(0, move.ancestor().key());
      case SOURCE_PARENT -> source.flowScopeKey();
      case INFERRED -> inferredAncestor(move, source);
    };
  }

  /**
   * The nearest ancestor of the source that is an instance of one of the target's flow scopes, so
   * that the target lands in the same branch (e.g. the same inner instance of a multi-instance
   * sub-process) as the source.
   */
  private long inferredAncestor(final Modification.Move move, final ElementInstance source) {
    final FlowElement target = process.elements().get(move.targetElementId());
    if (target == null) {
      return 0; // refused, naming the element, when activated
    }
    final java.util.Set<String> targetScopes = new java.util.HashSet<>();
    for (String scopeId = target.flowScopeId();
        scopeId != null;
        scopeId = process.element(scopeId).flowScopeId()) {
      targetScopes.add(scopeId);
    }
    for (ElementInstance current = state.elementInstance(source.flowScopeKey()).orElse(null);
        current != null;
        current = state.elementInstance(current.flowScopeKey()).orElse(null)) {
      final String scopeId = current.isProcess() ? process.bpmnProcessId() : current.elementId();
      if (targetScopes.contains(scopeId) && current.type() != BpmnElementType.MULTI_INSTANCE_BODY) {
        return current.key();
      }
      if (current.isProcess()) {
        break;
      }
    }
    throw rejected(
        "contains a move instruction whose target '"
            + move.targetElementId()
            + "' has no flow scope among the ancestors of the source element instance '"
            + source.key()
            + "'");
  }

  private long variableScope(final ElementInstance flowScope, final String scopeId) {
    ElementInstance current = flowScope;
    while (current != null) {
      if (current.elementId().equals(scopeId)) {
        return current.key();
      }
      current = state.elementInstance(current.flowScopeKey()).orElse(null);
    }
    throw rejected(
        "contains a variable instruction with a scope '"
            + scopeId
            + "' that is not a flow scope of the activated element");
  }

  private void terminate(final long elementInstanceKey) {
    final ElementInstance instance =
        state
            .elementInstance(elementInstanceKey)
            .filter(i -> !i.isProcess())
            .orElseThrow(
                () ->
                    rejected(
                        "contains one or more terminate instructions with an element instance that"
                            + " could not be found: '"
                            + elementInstanceKey
                            + "'"));
    context.termination().terminateWithEmptyScopes(instance);
  }

  private Rejection rejected(final String reason) {
    return Modification.rejected(state.processInstance().bpmnProcessId(), reason);
  }
}
