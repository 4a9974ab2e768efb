package io.flowdesk.engine.execution;

import io.flowdesk.engine.model.BpmnElementType;
import io.flowdesk.engine.model.ExecutableProcess;
import io.flowdesk.engine.model.FlowElement;
import io.flowdesk.engine.model.SequenceFlow;
import io.flowdesk.engine.state.ElementInstance;
import io.flowdesk.engine.state.ElementInstance.State;
import io.flowdesk.engine.state.InstanceState;
import io.flowdesk.engine.state.PendingRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The lifecycle transitions every element makes (activated, completing, completed) and the tokens
 * between them: sequence flows taken, joins that fire, flow scopes that complete once nothing is
 * left in them.
 */
final class ElementTransitions {

  private final ExecutionContext context;
  private final InstanceState state;
  private final ExecutableProcess process;
  private final ElementRecords records;

  ElementTransitions(final ExecutionContext context) {
    this.context = context;
    this.state = context.state();
    this.process = context.process();
    this.records = context.records();
  }

  /** What a termination that was held up resumes once it ended. */
  ElementTermination.Resumption resumption() {
    return new ElementTermination.Resumption() {
      @Override
      public void activate(
          final FlowElement element,
          final long flowScopeKey,
          final Map<String, Object> eventVariables) {
        final ElementInstance instance = createAndSchedule(element, flowScopeKey);
        context.eventVariables().put(instance.key(), eventVariables);
      }

      @Override
      public void complete(final ElementInstance endEvent) {
        completeNow(endEvent);
      }

      @Override
      public void childEnded(final long flowScopeKey) {
        ElementTransitions.this.childEnded(flowScopeKey);
      }
    };
  }

  void markActivated(final ElementInstance instance) {
    state.transition(instance, State.ACTIVATED);
    records.element(instance, "ELEMENT_ACTIVATED");
  }

  /** Creates an instance of {@code element} in the flow scope and schedules its activation. */
  ElementInstance createAndSchedule(final FlowElement element, final long flowScopeKey) {
    final BpmnElementType type =
        element.multiInstance() != null ? BpmnElementType.MULTI_INSTANCE_BODY : element.type();
    final ElementInstance instance =
        state.addElementInstance(
            context.services().keys().next(), flowScopeKey, element.id(), type);
    records.element(instance, "ELEMENT_ACTIVATING");
    context.agenda().schedule(Agenda.Step.ACTIVATE, instance);
    return instance;
  }

  /** Completes with a result (a job's, an event's, a called instance's variables). */
  void completeWithResult(final ElementInstance instance, final Map<String, Object> result) {
    final FlowElement element = process.element(instance.elementId());
    if (element.outputs().isEmpty()) {
      context.variables().merge(instance.flowScopeKey(), result);
    } else {
      // Output mappings read the result, so it lives in the element's scope until they ran.
      result.forEach((name, value) -> context.variables().setLocal(instance.key(), name, value));
    }
    completeNow(instance);
  }

  /** The instance is completing; its output mappings, end listeners and processor follow. */
  void completeNow(final ElementInstance instance) {
    completing(instance);
    context.agenda().schedule(Agenda.Step.COMPLETE, instance);
  }

  /** Only the transition to COMPLETING, for elements that complete within their activation. */
  void completing(final ElementInstance instance) {
    state.transition(instance, State.COMPLETING);
    records.element(instance, "ELEMENT_COMPLETING");
  }

  /** The instance has completed and is gone; where the token goes is the caller's. */
  void completed(final ElementInstance instance, final FlowElement element) {
    records.element(instance, "ELEMENT_COMPLETED");
    context.compensation().completed(instance, element);
    if (element.ownsSubscriptions()) {
      context.subscriptions().closeOf(instance);
    }
    state.removeElementInstance(instance);
  }

  /** Completes and leaves along every outgoing flow. */
  void leave(final ElementInstance instance, final FlowElement element) {
    leave(instance, element, outgoingOf(element));
  }

  /** Completes and leaves along the given flows; with none, the flow scope may complete. */
  void leave(
      final ElementInstance instance, final FlowElement element, final List<SequenceFlow> flows) {
    if (inAdHocSubProcess(instance)) {
      context.processors().adHocSubProcess().innerCompleted(instance, element, flows);
      return;
    }
    completed(instance, element);
    for (final SequenceFlow flow : flows) {
      takeFlow(flow, instance.flowScopeKey());
    }
    if (flows.isEmpty()) {
      childEnded(instance.flowScopeKey());
    }
  }

  List<SequenceFlow> outgoingOf(final FlowElement element) {
    final List<SequenceFlow> outgoing = new ArrayList<>();
    element.outgoing().forEach(id -> outgoing.add(process.sequenceFlow(id)));
    return outgoing;
  }

  /** Takes a flow; answers the element instance it activates, null when it arrives at a join. */
  ElementInstance takeFlow(final SequenceFlow flow, final long flowScopeKey) {
    final Map<String, Object> payload =
        records.payload(flow.id(), BpmnElementType.SEQUENCE_FLOW, flowScopeKey);
    state.append(
        new PendingRecord(
            context.services().keys().next(),
            "PROCESS_INSTANCE",
            "SEQUENCE_FLOW_TAKEN",
            state.processInstance().key(),
            flow.id(),
            payload));
    final FlowElement target = process.element(flow.targetId());
    if (isJoin(target)) {
      final InstanceState.JoinPoint joinPoint =
          new InstanceState.JoinPoint(flowScopeKey, target.id());
      state.addTakenFlow(joinPoint, flow.id(), 1);
      tryJoin(joinPoint, target);
      return null;
    }
    return createAndSchedule(target, flowScopeKey);
  }

  private static boolean isJoin(final FlowElement element) {
    return (element.type() == BpmnElementType.PARALLEL_GATEWAY
            || element.type() == BpmnElementType.INCLUSIVE_GATEWAY)
        && element.incoming().size() > 1;
  }

  /**
   * A parallel join fires once every incoming flow has a token; an inclusive join also fires when
   * no active element of the flow scope can still reach it.
   */
  private void tryJoin(final InstanceState.JoinPoint joinPoint, final FlowElement gateway) {
    final Map<String, Integer> taken = state.takenFlows(joinPoint);
    final boolean allArrived =
        gateway.incoming().stream().allMatch(flow -> taken.getOrDefault(flow, 0) > 0);
    final boolean fires =
        allArrived
            || (gateway.type() == BpmnElementType.INCLUSIVE_GATEWAY
                && taken.values().stream().anyMatch(count -> count > 0)
                && !anyChildCanReach(joinPoint.flowScopeKey(), gateway.id()));
    if (!fires) {
      return;
    }
    for (final String flow : gateway.incoming()) {
      if (taken.getOrDefault(flow, 0) > 0) {
        state.addTakenFlow(joinPoint, flow, -1);
      }
    }
    createAndSchedule(gateway, joinPoint.flowScopeKey());
  }

  private boolean anyChildCanReach(final long flowScopeKey, final String gatewayId) {
    for (final ElementInstance child : state.children(flowScopeKey)) {
      if (process.reaches(child.elementId(), gatewayId)) {
        return true;
      }
    }
    return false;
  }

  /** After a token left the flow scope: maybe an inclusive join may fire, maybe the scope ends. */
  void childEnded(final long flowScopeKey) {
    for (final InstanceState.JoinPoint joinPoint : state.joinPointsIn(flowScopeKey)) {
      final FlowElement gateway = process.element(joinPoint.gatewayId());
      if (gateway.type() == BpmnElementType.INCLUSIVE_GATEWAY) {
        tryJoin(joinPoint, gateway);
      }
    }
    if (state.children(flowScopeKey).isEmpty() && state.joinPointsIn(flowScopeKey).isEmpty()) {
      state
          .elementInstance(flowScopeKey)
          .filter(scope -> scope.state() == State.ACTIVATED)
          .filter(
              scope ->
                  scope.type() != BpmnElementType.AD_HOC_SUB_PROCESS
                      || context.processors().adHocSubProcess().completesWhenEmpty(scope))
          .ifPresent(this::completeNow);
    }
  }

  /** Inner elements of an ad-hoc sub-process complete through it (its completion condition). */
  private boolean inAdHocSubProcess(final ElementInstance instance) {
    return state
        .elementInstance(instance.flowScopeKey())
        .filter(scope -> scope.type() == BpmnElementType.AD_HOC_SUB_PROCESS)
        .isPresent();
  }

  /**
   * Enters a process or sub-process: opens the subscriptions of its event sub-processes and
   * boundary events, then starts at {@code startEventId}, which takes the variables of the event
   * that started the scope, if any.
   */
  void enterScope(
      final ElementInstance scope, final FlowElement element, final String startEventId) {
    context.subscriptions().open(scope, element);
    markActivated(scope);
    if (startEventId == null) {
      throw new IllegalStateException("Scope '" + element.id() + "' has no start event");
    }
    final ElementInstance startEvent =
        createAndSchedule(process.element(startEventId), scope.key());
    final Map<String, Object> triggered = context.eventVariables().take(scope.key());
    if (triggered != null) {
      context.eventVariables().put(startEvent.key(), triggered);
    }
  }
}
