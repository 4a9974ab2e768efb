package io.flowdesk.engine.execution;

import io.flowdesk.engine.model.BpmnElementType;
import io.flowdesk.engine.model.BpmnEventType;
import io.flowdesk.engine.model.EventDefinition;
import io.flowdesk.engine.model.FlowElement;
import io.flowdesk.engine.state.ElementInstance;
import io.flowdesk.engine.state.InstanceState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Events an element throws: errors and escalations go to the innermost boundary event or event
 * sub-process that catches their code (across call activities), signals are broadcast once the
 * command committed.
 */
final class EventThrowBehavior {

  private final ExecutionContext context;
  private final InstanceState state;

  /** Signals thrown by this command, broadcast by the caller once it committed. */
  private final List<BpmnExecution.ThrownSignal> thrownSignals = new ArrayList<>();

  EventThrowBehavior(final ExecutionContext context) {
    this.context = context;
    this.state = context.state();
  }

  List<BpmnExecution.ThrownSignal> thrownSignals() {
    return thrownSignals;
  }

  /** The signal of a throw or end event, with the variables the instance sees there. */
  void broadcast(final ElementInstance instance, final EventDefinition.Signal signal) {
    final VariableBehavior variables = context.variables();
    final String name =
        context.expressions().evaluateString(signal.name(), variables.lookupFrom(instance.key()));
    thrownSignals.add(new BpmnExecution.ThrownSignal(name, variables.visibleFrom(instance.key())));
  }

  /**
   * Throws the escalation of a throw or end event; caught or not, the thrower goes on, unless an
   * interrupting catch terminated its scope (the thrower is then gone).
   */
  void throwEscalation(
      final ElementInstance instance, final EventDefinition.Escalation escalation) {
    final String code =
        context
            .expressions()
            .evaluateString(escalation.code(), context.variables().lookupFrom(instance.key()));
    final boolean caught = throwEvent(instance.key(), BpmnEventType.ESCALATION, code, Map.of());
    context
        .records()
        .append(
            instance.key(),
            "ESCALATION",
            caught ? "ESCALATED" : "NOT_ESCALATED",
            instance.elementId(),
            Map.of("escalationCode", code, "throwElementId", instance.elementId()));
  }

  /** Throws the error of an error end event; uncaught, it is a failure of the end event. */
  void throwError(final ElementInstance instance, final EventDefinition.BpmnError error) {
    final String code =
        context
            .expressions()
            .evaluateString(error.code(), context.variables().lookupFrom(instance.key()));
    if (!throwEvent(instance.key(), BpmnEventType.ERROR, code, Map.of())) {
      throw new Failure(
              "UNHANDLED_ERROR_EVENT",
              "Expected to throw an error event with the code '"
                  + code
                  + "', but it was not caught. No error events are available in the scope.")
          .raise();
    }
  }

  /**
   * Finds, from the thrower outwards, the innermost boundary event or event sub-process start that
   * catches an error or escalation with this code (an exact code before a catch-all one in the same
   * place), and triggers it. Answers false when nothing catches it.
   */
  boolean throwEvent(
      final long throwerKey,
      final BpmnEventType type,
      final String code,
      final Map<String, Object> eventVars) {
    ElementInstance current = state.elementInstance(throwerKey).orElse(null);
    boolean thrower = true;
    while (current != null) {
      final FlowElement element = context.process().element(current.elementId());
      // An event thrown inside a scope meets the scope's event sub-processes before the boundary
      // events outside it; the thrower's own event sub-processes do not catch what it throws.
      if (!thrower) {
        final FlowElement start = catcher(element.eventSubProcessStartIds(), type, code);
        if (start != null) {
          context
              .records()
              .append(current.key(), type.name(), "THROWN", start.id(), Map.of("code", code));
          context.triggers().startEventSubProcess(current, start, eventVars);
          return true;
        }
      }
      final FlowElement boundary =
          element.multiInstance() != null && !isBody(current)
              ? null // the body, met next, carries the boundary events
              : catcher(element.boundaryEventIds(), type, code);
      if (boundary != null) {
        context.triggers().activateBoundaryEvent(current, boundary, eventVars);
        return true;
      }
      thrower = false;
      current =
          current.flowScopeKey() == 0
              ? null
              : state.elementInstance(current.flowScopeKey()).orElse(null);
    }
    return state.processInstance().hasParent()
        && context.hierarchy().throwToParent(type, code, eventVars);
  }

  private static boolean isBody(final ElementInstance instance) {
    return instance.type() == BpmnElementType.MULTI_INSTANCE_BODY;
  }

  private FlowElement catcher(
      final List<String> candidateIds, final BpmnEventType type, final String code) {
    FlowElement catchAll = null;
    for (final String id : candidateIds) {
      final FlowElement candidate = context.process().element(id);
      if (candidate.eventType() != type) {
        continue;
      }
      final EventDefinition definition = candidate.eventDefinition();
      final boolean all =
          definition instanceof EventDefinition.BpmnError error
              ? error.catchesAll()
              : ((EventDefinition.Escalation) definition).catchesAll();
      if (all) {
        catchAll = catchAll == null ? candidate : catchAll;
      } else if (codeOf(definition).equals(code)) {
        return candidate;
      }
    }
    return catchAll;
  }

  private static String codeOf(final EventDefinition definition) {
    return definition instanceof EventDefinition.BpmnError error
        ? error.code().text()
        : ((EventDefinition.Escalation) definition).code().text();
  }
}
