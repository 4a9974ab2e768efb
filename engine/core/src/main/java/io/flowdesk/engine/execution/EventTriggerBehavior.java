package io.flowdesk.engine.execution;

import io.flowdesk.engine.model.BpmnElementType;
import io.flowdesk.engine.model.FlowElement;
import io.flowdesk.engine.model.SequenceFlow;
import io.flowdesk.engine.state.ElementInstance;
import io.flowdesk.engine.state.ElementInstance.State;
import java.util.Map;

/**
 * An event an element instance waited for occurred (a timer, a message, a signal, or an error or
 * escalation thrown to it): the catching element goes on with the event's variables.
 */
final class EventTriggerBehavior {

  private final ExecutionContext context;

  EventTriggerBehavior(final ExecutionContext context) {
    this.context = context;
  }

  /**
   * The event {@code catchElementId} that the element instance {@code ownerKey} subscribed to
   * occurred. Answers false when the owner no longer waits for it.
   */
  boolean occurred(
      final long ownerKey, final String catchElementId, final Map<String, Object> eventVars) {
    final ElementInstance owner = context.state().elementInstance(ownerKey).orElse(null);
    if (owner == null || owner.state() != State.ACTIVATED) {
      return false;
    }
    final FlowElement ownerElement = context.process().element(owner.elementId());
    final FlowElement catchEvent = context.process().element(catchElementId);
    if (catchElementId.equals(owner.elementId())) {
      context.subscriptions().closeOf(owner);
      context.records().element(owner, "EVENT_OCCURRED");
      context.transitions().completeWithResult(owner, eventVars);
    } else if (ownerElement.type() == BpmnElementType.EVENT_BASED_GATEWAY) {
      context.subscriptions().closeOf(owner);
      completeEventBasedGateway(owner, ownerElement, catchEvent, eventVars);
    } else if (catchEvent.type() == BpmnElementType.BOUNDARY_EVENT) {
      activateBoundaryEvent(owner, catchEvent, eventVars);
    } else {
      startEventSubProcess(owner, catchEvent, eventVars);
    }
    return true;
  }

  /** The gateway completes at once and only the flow to the event that occurred is taken. */
  private void completeEventBasedGateway(
      final ElementInstance gateway,
      final FlowElement element,
      final FlowElement chosen,
      final Map<String, Object> eventVars) {
    final ElementTransitions transitions = context.transitions();
    transitions.completing(gateway);
    transitions.completed(gateway, element);
    for (final String flowId : element.outgoing()) {
      final SequenceFlow flow = context.process().sequenceFlow(flowId);
      if (flow.targetId().equals(chosen.id())) {
        final ElementInstance event = transitions.takeFlow(flow, gateway.flowScopeKey());
        context.eventVariables().put(event.key(), eventVars);
        return;
      }
    }
  }

  /**
   * A boundary event occurred: an interrupting one terminates its activity first; either way the
   * boundary event is activated next to the activity and continues along its own flows.
   */
  void activateBoundaryEvent(
      final ElementInstance activity,
      final FlowElement boundary,
      final Map<String, Object> eventVars) {
    if (boundary.interrupting()
        && !context.termination().interruptActivity(activity, boundary, eventVars)) {
      return;
    }
    final ElementInstance event =
        context.transitions().createAndSchedule(boundary, activity.flowScopeKey());
    context.eventVariables().put(event.key(), eventVars);
  }

  /**
   * The start event of an event sub-process occurred in {@code scope}: an interrupting one
   * terminates everything else the scope runs, and no other event sub-process of the scope starts
   * after it; then the event sub-process starts at that event.
   */
  void startEventSubProcess(
      final ElementInstance scope,
      final FlowElement startEvent,
      final Map<String, Object> eventVars) {
    if (startEvent.interrupting()
        && !context.termination().interruptScope(scope, startEvent, eventVars)) {
      return;
    }
    final ElementInstance subProcess =
        context
            .transitions()
            .createAndSchedule(context.process().element(startEvent.flowScopeId()), scope.key());
    context.eventVariables().put(subProcess.key(), eventVars);
  }

  /**
   * An event that is only ever activated because its event occurred (start, boundary, or a catch
   * event an event-based gateway chose) completes at once with the event's variables.
   */
  void completeOccurred(final ElementInstance instance) {
    final Map<String, Object> triggered = context.eventVariables().take(instance.key());
    context.transitions().markActivated(instance);
    context.transitions().completeWithResult(instance, triggered == null ? Map.of() : triggered);
  }
}
