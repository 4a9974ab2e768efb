package io.flowdesk.engine.execution;

import io.flowdesk.engine.model.BpmnElementType;
import io.flowdesk.engine.model.ExecutableProcess;
import io.flowdesk.engine.model.FlowElement;
import io.flowdesk.engine.state.ElementInstance;
import io.flowdesk.engine.state.InstanceState;
import io.flowdesk.engine.support.Rejection;
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

  /** Every activation, then every termination; the caller runs the agenda after each. */
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
    if (!activatable(element)) {
      throw rejected.apply(
          "contains one or more "
              + kind
              + " instructions with an element that is not supported: '"
              + element.id()
              + "' ("
              + element.type()
              + ")");
    }
    final ElementInstance scope =
        activation.ancestorElementInstanceKey() > 0
            ? ancestorScope(element, activation.ancestorElementInstanceKey())
            : flowScopeInstance(element.flowScopeId());
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

  private boolean activatable(final FlowElement element) {
    if (element.type() == BpmnElementType.START_EVENT
        || element.type() == BpmnElementType.BOUNDARY_EVENT) {
      return false;
    }
    for (final String flowId : element.incoming()) {
      if (process.element(process.sequenceFlow(flowId).sourceId()).type()
          == BpmnElementType.EVENT_BASED_GATEWAY) {
        return false;
      }
    }
    return insideMultiInstance(element) == null;
  }

  private FlowElement insideMultiInstance(final FlowElement element) {
    String scopeId = element.flowScopeId();
    while (scopeId != null && !scopeId.equals(process.bpmnProcessId())) {
      final FlowElement scope = process.element(scopeId);
      if (scope.multiInstance() != null) {
        return scope;
      }
      scopeId = scope.flowScopeId();
    }
    return null;
  }

  /**
   * The one active instance of a flow scope, created (activated without its start event and input
   * mappings, its subscriptions opened) when there is none.
   */
  private ElementInstance flowScopeInstance(final String scopeId) {
    if (scopeId.equals(process.bpmnProcessId())) {
      return state.processElementInstance().orElseThrow();
    }
    final FlowElement scopeElement = process.element(scopeId);
    final ElementInstance parent = flowScopeInstance(scopeElement.flowScopeId());
    final List<ElementInstance> active =
        state.children(parent.key()).stream()
            .filter(child -> child.elementId().equals(scopeId))
            .toList();
    if (active.size() > 1) {
      throw rejected(
          "contains an activate instruction for an element in flow scope '"
              + scopeId
              + "', which has more than one active instance");
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

  private ElementInstance ancestorScope(final FlowElement element, final long ancestorKey) {
    final ElementInstance ancestor =
        state
            .elementInstance(ancestorKey)
            .orElseThrow(
                () ->
                    rejected(
                        "contains an activate instruction with an ancestor scope key that does not"
                            + " exist, or is not in an active state: '"
                            + ancestorKey
                            + "'"));
    if (!ancestor.elementId().equals(element.flowScopeId())
        && !(ancestor.isProcess() && element.flowScopeId().equals(process.bpmnProcessId()))) {
      throw rejected(
          "contains an activate instruction with an ancestor scope key '"
              + ancestorKey
              + "' that is not the flow scope of element '"
              + element.id()
              + "'");
    }
    return ancestor;
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
