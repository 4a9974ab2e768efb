package io.flowdesk.engine.execution;

import io.flowdesk.engine.dmn.DecisionEvaluation;
import io.flowdesk.engine.model.BpmnElementType;
import io.flowdesk.engine.model.BpmnEventType;
import io.flowdesk.engine.model.ExecutableProcess;
import io.flowdesk.engine.model.FlowElement;
import io.flowdesk.engine.model.SequenceFlow;
import io.flowdesk.engine.state.ElementInstance;
import io.flowdesk.engine.state.ElementInstance.State;
import io.flowdesk.engine.state.InstanceState;
import io.flowdesk.engine.state.NewIncident;
import io.flowdesk.engine.state.NewJob;
import io.flowdesk.engine.state.PendingRecord;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one process instance forward for one command, Flowable-agenda style: small steps in a queue,
 * executed until the instance waits (for a job, a join, an incident) or ends. Everything happens on
 * the in-memory {@link InstanceState}; the caller writes it back in the command's transaction.
 */
public final class BpmnExecution {

  private enum Step {
    ACTIVATE,
    COMPLETE
  }

  private record Operation(Step step, long elementInstanceKey) {}

  private final InstanceState state;
  private final ExecutableProcess process;
  private final EngineServices services;
  private final VariableBehavior variables;
  private final ExpressionBehavior expressions;
  private final Deque<Operation> agenda = new ArrayDeque<>();

  public BpmnExecution(
      final InstanceState state, final ExecutableProcess process, final EngineServices services) {
    this.state = state;
    this.process = process;
    this.services = services;
    this.variables = new VariableBehavior(state, services.keys());
    this.expressions = new ExpressionBehavior(services.feel());
  }

  // ---- entry points, one per command

  /** Starts a new instance at the process's none start event with the given variables. */
  public void start(final Map<String, Object> startVariables) {
    final long key = state.processInstance().key();
    final ElementInstance processInstance =
        state.addElementInstance(key, 0, process.bpmnProcessId(), BpmnElementType.PROCESS);
    startVariables.forEach((name, value) -> variables.setLocal(key, name, value));
    appendElementRecord(processInstance, "ELEMENT_ACTIVATING");
    schedule(Step.ACTIVATE, processInstance);
    run();
  }

  /** A job's worker finished: its variables flow into the instance and the task completes. */
  public void completeJob(final long elementInstanceKey, final Map<String, Object> result) {
    final ElementInstance task = state.elementInstance(elementInstanceKey).orElseThrow();
    completeWithResult(task, result);
    run();
  }

  /** Sets variables in a scope: locally, or merged upwards as Zeebe's SetVariables does. */
  public void setVariables(
      final long scopeKey, final Map<String, Object> document, final boolean local) {
    if (local) {
      document.forEach((name, value) -> variables.setLocal(scopeKey, name, value));
    } else {
      variables.merge(scopeKey, document);
    }
  }

  /** Retries the step that failed; answers false when the element instance is gone. */
  public boolean retry(final long elementInstanceKey, final String failedStep) {
    final ElementInstance instance = state.elementInstance(elementInstanceKey).orElse(null);
    if (instance == null) {
      return false;
    }
    schedule("COMPLETE".equals(failedStep) ? Step.COMPLETE : Step.ACTIVATE, instance);
    run();
    return true;
  }

  /** Raises an incident on an element instance, e.g. when its job ran out of retries. */
  public void raiseIncident(
      final long elementInstanceKey,
      final String errorType,
      final String message,
      final Long jobKey,
      final String failedStep) {
    final ElementInstance instance = state.elementInstance(elementInstanceKey).orElseThrow();
    incident(instance, new Failure(errorType, message), failedStep, jobKey);
  }

  /** Cancels the whole instance: every active element terminates, then the process. */
  public void cancel() {
    state.processElementInstance().ifPresent(this::terminate);
    state.endProcessInstance("TERMINATED");
  }

  // ---- the agenda

  private void schedule(final Step step, final ElementInstance instance) {
    agenda.addLast(new Operation(step, instance.key()));
  }

  private void run() {
    while (!agenda.isEmpty()) {
      final Operation operation = agenda.removeFirst();
      final ElementInstance instance =
          state.elementInstance(operation.elementInstanceKey()).orElse(null);
      if (instance == null) {
        continue; // terminated meanwhile, e.g. by a terminate end event
      }
      try {
        if (operation.step() == Step.ACTIVATE) {
          activate(instance);
        } else {
          complete(instance);
        }
      } catch (Failure.Raised raised) {
        incident(instance, raised.failure(), operation.step().name(), null);
      }
    }
  }

  // ---- activation

  private void activate(final ElementInstance instance) {
    final FlowElement element = process.element(instance.elementId());
    if (!element.inputs().isEmpty()) {
      final Map<String, Object> inputs =
          expressions.evaluateMappings(
              element.inputs(), variables.lookupFrom(instance.flowScopeKey()));
      inputs.forEach((name, value) -> variables.setLocal(instance.key(), name, value));
    }
    switch (element.type()) {
      case PROCESS -> activateProcess(instance);
      case SERVICE_TASK, SEND_TASK, SCRIPT_TASK, BUSINESS_RULE_TASK ->
          activateTask(instance, element);
      case EXCLUSIVE_GATEWAY, INCLUSIVE_GATEWAY -> activateForkingGateway(instance, element);
      case END_EVENT -> activateEndEvent(instance, element);
      default -> {
        markActivated(instance);
        completeNow(instance);
      }
    }
  }

  private void activateProcess(final ElementInstance processInstance) {
    markActivated(processInstance);
    final FlowElement startEvent =
        process
            .noneStartEvent()
            .orElseThrow(
                () -> new IllegalStateException("Process has no none start event to start at"));
    createAndSchedule(startEvent, processInstance.key());
  }

  private void activateTask(final ElementInstance instance, final FlowElement element) {
    if (element.jobBased()) {
      createJob(instance, element);
      markActivated(instance);
      return;
    }
    final Map<String, Object> result = new LinkedHashMap<>();
    if (element.script() != null) {
      final Object value =
          expressions.evaluate(
              element.script().expression(),
              variables.lookupFrom(instance.key()),
              "EXTRACT_VALUE_ERROR");
      result.put(element.script().resultVariable(), value);
    } else if (element.calledDecision() != null) {
      result.put(element.calledDecision().resultVariable(), evaluateDecision(instance, element));
    }
    markActivated(instance);
    completeWithResult(instance, result);
  }

  private Object evaluateDecision(final ElementInstance instance, final FlowElement element) {
    final String decisionId =
        expressions.evaluateString(
            element.calledDecision().decisionId(), variables.lookupFrom(instance.key()));
    final DecisionEvaluation evaluation =
        services.decisions().evaluateLatest(decisionId, variables.visibleFrom(instance.key()));
    if (evaluation instanceof DecisionEvaluation.Evaluated evaluated) {
      return evaluated.output();
    }
    final DecisionEvaluation.Failed failed = (DecisionEvaluation.Failed) evaluation;
    throw Failure.decision(failed.message()).raise();
  }

  private void createJob(final ElementInstance instance, final FlowElement element) {
    final String type =
        expressions.evaluateString(
            element.taskDefinition().type(), variables.lookupFrom(instance.key()));
    if (type.isBlank()) {
      throw Failure.extractValue(
              "Expected result of the expression '"
                  + element.taskDefinition().type().text()
                  + "' to be a non-empty job type, but was empty.")
          .raise();
    }
    final long retries =
        expressions.evaluateLong(
            element.taskDefinition().retries(), variables.lookupFrom(instance.key()));
    final long jobKey = services.keys().next();
    final NewJob job =
        new NewJob(
            jobKey,
            type,
            (int) retries,
            element.taskHeaders(),
            state.processInstance().key(),
            instance.key(),
            element.id(),
            state.processInstance().bpmnProcessId(),
            state.processInstance().processDefinitionKey(),
            state.processInstance().version());
    state.addJob(job);
    final Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("type", type);
    payload.put("retries", retries);
    payload.put("elementInstanceKey", instance.key());
    payload.put("customHeaders", element.taskHeaders());
    state.append(
        new PendingRecord(
            jobKey, "JOB", "CREATED", state.processInstance().key(), element.id(), payload));
  }

  private void activateForkingGateway(final ElementInstance instance, final FlowElement element) {
    // Conditions are evaluated on activation, so a failing one leaves the gateway ACTIVATING.
    final List<SequenceFlow> chosen = chooseFlows(instance, element);
    markActivated(instance);
    finishCompletion(instance, element, chosen);
  }

  private List<SequenceFlow> chooseFlows(
      final ElementInstance instance, final FlowElement element) {
    final List<SequenceFlow> chosen = new ArrayList<>();
    for (final String flowId : element.outgoing()) {
      if (flowId.equals(element.defaultFlowId())) {
        continue;
      }
      final SequenceFlow flow = process.sequenceFlow(flowId);
      if (!flow.conditional()
          || expressions.evaluateCondition(
              flow.condition(), variables.lookupFrom(instance.flowScopeKey()))) {
        chosen.add(flow);
        if (element.type() == BpmnElementType.EXCLUSIVE_GATEWAY) {
          return chosen;
        }
      }
    }
    if (chosen.isEmpty() && element.defaultFlowId() != null) {
      chosen.add(process.sequenceFlow(element.defaultFlowId()));
    }
    if (chosen.isEmpty() && !element.outgoing().isEmpty()) {
      throw Failure.condition(
              "Expected at least one condition to evaluate to true, or to have a default flow")
          .raise();
    }
    return chosen;
  }

  private void activateEndEvent(final ElementInstance instance, final FlowElement element) {
    markActivated(instance);
    if (element.eventType() == BpmnEventType.TERMINATE) {
      for (final ElementInstance sibling : state.children(instance.flowScopeKey())) {
        if (sibling.key() != instance.key()) {
          terminate(sibling);
        }
      }
      for (final InstanceState.JoinPoint joinPoint : state.joinPointsIn(instance.flowScopeKey())) {
        state
            .takenFlows(joinPoint)
            .forEach((flow, count) -> state.addTakenFlow(joinPoint, flow, -count));
      }
    }
    completeNow(instance);
  }

  private void markActivated(final ElementInstance instance) {
    state.transition(instance, State.ACTIVATED);
    appendElementRecord(instance, "ELEMENT_ACTIVATED");
  }

  // ---- completion

  private void completeWithResult(
      final ElementInstance instance, final Map<String, Object> result) {
    final FlowElement element = process.element(instance.elementId());
    if (element.outputs().isEmpty()) {
      variables.merge(instance.flowScopeKey(), result);
    } else {
      // Output mappings read the result, so it lives in the element's scope until they ran.
      result.forEach((name, value) -> variables.setLocal(instance.key(), name, value));
    }
    completeNow(instance);
  }

  private void completeNow(final ElementInstance instance) {
    state.transition(instance, State.COMPLETING);
    appendElementRecord(instance, "ELEMENT_COMPLETING");
    schedule(Step.COMPLETE, instance);
  }

  private void complete(final ElementInstance instance) {
    final FlowElement element = process.element(instance.elementId());
    if (!element.outputs().isEmpty()) {
      final Map<String, Object> outputs =
          expressions.evaluateMappings(element.outputs(), variables.lookupFrom(instance.key()));
      variables.merge(instance.flowScopeKey(), mergeNested(instance, outputs));
    }
    final List<SequenceFlow> outgoing = new ArrayList<>();
    if (!isForkingGateway(element)) {
      element.outgoing().forEach(id -> outgoing.add(process.sequenceFlow(id)));
    }
    finishCompletion(instance, element, outgoing);
  }

  /** A nested output target merges into the existing object instead of replacing it. */
  @SuppressWarnings("unchecked")
  private Map<String, Object> mergeNested(
      final ElementInstance instance, final Map<String, Object> outputs) {
    final Map<String, Object> merged = new LinkedHashMap<>();
    final Map<String, Object> visible = variables.visibleFrom(instance.flowScopeKey());
    outputs.forEach(
        (name, value) -> {
          if (value instanceof Map<?, ?> nested
              && visible.get(name) instanceof Map<?, ?> existing) {
            final Map<String, Object> combined =
                new LinkedHashMap<>((Map<String, Object>) existing);
            combined.putAll((Map<String, Object>) nested);
            merged.put(name, combined);
          } else {
            merged.put(name, value);
          }
        });
    return merged;
  }

  private static boolean isForkingGateway(final FlowElement element) {
    return element.type() == BpmnElementType.EXCLUSIVE_GATEWAY
        || element.type() == BpmnElementType.INCLUSIVE_GATEWAY;
  }

  private void finishCompletion(
      final ElementInstance instance, final FlowElement element, final List<SequenceFlow> flows) {
    if (isForkingGateway(element) && instance.state() == State.ACTIVATED) {
      state.transition(instance, State.COMPLETING);
      appendElementRecord(instance, "ELEMENT_COMPLETING");
    }
    appendElementRecord(instance, "ELEMENT_COMPLETED");
    state.removeElementInstance(instance);
    if (instance.isProcess()) {
      state.endProcessInstance("COMPLETED");
      return;
    }
    for (final SequenceFlow flow : flows) {
      takeFlow(flow, instance.flowScopeKey());
    }
    if (flows.isEmpty()) {
      onChildEnded(instance.flowScopeKey());
    }
  }

  private void takeFlow(final SequenceFlow flow, final long flowScopeKey) {
    final Map<String, Object> payload =
        recordPayload(flow.id(), BpmnElementType.SEQUENCE_FLOW, flowScopeKey);
    state.append(
        new PendingRecord(
            services.keys().next(),
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
    } else {
      createAndSchedule(target, flowScopeKey);
    }
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
  private void onChildEnded(final long flowScopeKey) {
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
          .ifPresent(this::completeNow);
    }
  }

  private void createAndSchedule(final FlowElement element, final long flowScopeKey) {
    final ElementInstance instance =
        state.addElementInstance(
            services.keys().next(), flowScopeKey, element.id(), element.type());
    appendElementRecord(instance, "ELEMENT_ACTIVATING");
    schedule(Step.ACTIVATE, instance);
  }

  // ---- termination and incidents

  private void terminate(final ElementInstance instance) {
    state.transition(instance, State.TERMINATING);
    appendElementRecord(instance, "ELEMENT_TERMINATING");
    for (final ElementInstance child : state.children(instance.key())) {
      terminate(child);
    }
    for (final InstanceState.JoinPoint joinPoint : state.joinPointsIn(instance.key())) {
      state
          .takenFlows(joinPoint)
          .forEach((flow, count) -> state.addTakenFlow(joinPoint, flow, -count));
    }
    terminationHooks.forEach(hook -> hook.onTerminate(instance));
    appendElementRecord(instance, "ELEMENT_TERMINATED");
    state.removeElementInstance(instance);
  }

  /** Lets the command layer cancel jobs and resolve incidents of terminated element instances. */
  @FunctionalInterface
  public interface TerminationHook {
    void onTerminate(ElementInstance instance);
  }

  private final List<TerminationHook> terminationHooks = new ArrayList<>();

  public void onTerminate(final TerminationHook hook) {
    terminationHooks.add(hook);
  }

  private void incident(
      final ElementInstance instance,
      final Failure failure,
      final String failedStep,
      final Long jobKey) {
    final long key = services.keys().next();
    state.addIncident(
        new NewIncident(
            key,
            state.processInstance().key(),
            instance.key(),
            instance.elementId(),
            jobKey,
            failure.errorType(),
            failure.message(),
            failedStep));
    final Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("errorType", failure.errorType());
    payload.put("errorMessage", failure.message());
    payload.put("elementInstanceKey", instance.key());
    payload.put("jobKey", jobKey == null ? -1L : jobKey);
    state.append(
        new PendingRecord(
            key,
            "INCIDENT",
            "CREATED",
            state.processInstance().key(),
            instance.elementId(),
            payload));
  }

  // ---- records

  private void appendElementRecord(final ElementInstance instance, final String intent) {
    state.append(
        new PendingRecord(
            instance.key(),
            "PROCESS_INSTANCE",
            intent,
            state.processInstance().key(),
            instance.elementId(),
            recordPayload(instance.elementId(), instance.type(), instance.flowScopeKey())));
  }

  private Map<String, Object> recordPayload(
      final String elementId, final BpmnElementType type, final long flowScopeKey) {
    final Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("bpmnElementType", type.name());
    payload.put("elementId", elementId);
    payload.put("flowScopeKey", flowScopeKey == 0 ? -1L : flowScopeKey);
    payload.put("bpmnProcessId", state.processInstance().bpmnProcessId());
    payload.put("version", state.processInstance().version());
    payload.put("processDefinitionKey", state.processInstance().processDefinitionKey());
    payload.put("processInstanceKey", state.processInstance().key());
    return payload;
  }
}
