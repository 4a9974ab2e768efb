package io.flowdesk.engine.execution;

import io.flowdesk.engine.dmn.DecisionEvaluation;
import io.flowdesk.engine.job.JobResult;
import io.flowdesk.engine.model.BpmnElementType;
import io.flowdesk.engine.model.BpmnEventType;
import io.flowdesk.engine.model.EventDefinition;
import io.flowdesk.engine.model.ExecutableProcess;
import io.flowdesk.engine.model.ExecutionListener;
import io.flowdesk.engine.model.Expression;
import io.flowdesk.engine.model.FlowElement;
import io.flowdesk.engine.model.ResourceBinding;
import io.flowdesk.engine.model.SequenceFlow;
import io.flowdesk.engine.model.TaskListener;
import io.flowdesk.engine.state.ElementInstance;
import io.flowdesk.engine.state.ElementInstance.State;
import io.flowdesk.engine.state.InstanceState;
import io.flowdesk.engine.state.NewIncident;
import io.flowdesk.engine.state.NewJob;
import io.flowdesk.engine.state.PendingRecord;
import io.flowdesk.engine.state.UserTaskRow;
import io.flowdesk.engine.support.Rejection;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Runs one process instance forward for one command, Flowable-agenda style: small steps in a queue,
 * executed until the instance waits (for a job, a join, an incident) or ends. Everything happens on
 * the in-memory {@link InstanceState}; the caller writes it back in the command's transaction.
 */
public final class BpmnExecution {

  private enum Step {
    ACTIVATE,
    /** Activation after the start execution listeners completed (no input mappings again). */
    ACTIVATE_BEHAVIOR,
    COMPLETE,
    /** Completion after the end execution listeners completed (no output mappings again). */
    LEAVE
  }

  private record Operation(Step step, long elementInstanceKey) {}

  private final InstanceState state;
  private final ExecutableProcess process;
  private final EngineServices services;
  private final VariableBehavior variables;
  private final ExpressionBehavior expressions;
  private final EventSubscriptionBehavior subscriptions;
  private final UserTaskBehavior userTasks;
  private final MultiInstanceBehavior multiInstance;
  private final TaskListenerBehavior taskListeners;
  private final ElementRecords records;
  private final ElementTermination termination;

  /** Inner multi-instance completions whose completion condition was met. */
  private final Set<Long> completionConditionMet = new HashSet<>();

  private final Deque<Operation> agenda = new ArrayDeque<>();

  /** Variables an event brought, for the event's element instance that is about to activate. */
  private final Map<Long, Map<String, Object>> eventVariables = new HashMap<>();

  /** Where an instance started by a timer, message or signal starts instead of the none start. */
  private String startEventId;

  private CallHierarchy hierarchy = CallHierarchy.NONE;

  /** Signals thrown by this command, broadcast by the caller once it committed. */
  private final List<ThrownSignal> thrownSignals = new ArrayList<>();

  /** A signal a throw or end event broadcast. */
  public record ThrownSignal(String name, Map<String, Object> variables) {}

  public BpmnExecution(
      final InstanceState state, final ExecutableProcess process, final EngineServices services) {
    this.state = state;
    this.process = process;
    this.services = services;
    this.records = new ElementRecords(state);
    this.variables = new VariableBehavior(state, services.keys());
    this.expressions = new ExpressionBehavior(services.feel());
    this.subscriptions =
        new EventSubscriptionBehavior(state, process, services, variables, expressions);
    this.userTasks = new UserTaskBehavior(state, services, variables, expressions);
    this.multiInstance = new MultiInstanceBehavior(state, variables, expressions);
    this.taskListeners =
        new TaskListenerBehavior(
            state,
            process,
            services,
            variables,
            expressions,
            new TaskListenerBehavior.Element() {
              @Override
              public void created(final long elementInstanceKey) {
                state
                    .elementInstance(elementInstanceKey)
                    .ifPresent(BpmnExecution.this::markActivated);
              }

              @Override
              public void completed(
                  final long elementInstanceKey, final Map<String, Object> result) {
                state
                    .elementInstance(elementInstanceKey)
                    .ifPresent(task -> completeWithResult(task, result));
              }

              @Override
              public void canceled(
                  final long elementInstanceKey, final List<Map<String, Object>> continuations) {
                termination.heldTerminationEnded(elementInstanceKey, continuations);
              }

              @Override
              public void incident(final long elementInstanceKey, final Failure failure) {
                state
                    .elementInstance(elementInstanceKey)
                    .ifPresent(
                        task -> BpmnExecution.this.incident(task, failure, TASK_LISTENER, null));
              }
            });
    this.termination =
        new ElementTermination(
            state,
            process,
            services,
            records,
            subscriptions,
            multiInstance,
            taskListeners,
            () -> hierarchy,
            new ElementTermination.Resumption() {
              @Override
              public void activate(
                  final FlowElement element,
                  final long flowScopeKey,
                  final Map<String, Object> eventVars) {
                final ElementInstance instance = createAndSchedule(element, flowScopeKey);
                eventVariables.put(instance.key(), eventVars);
              }

              @Override
              public void complete(final ElementInstance endEvent) {
                completeNow(endEvent);
              }

              @Override
              public void childEnded(final long flowScopeKey) {
                onChildEnded(flowScopeKey);
              }
            });
  }

  /** The failed step of an incident raised while creating a task listener's job. */
  private static final String TASK_LISTENER = "TASK_LISTENER";

  // ---- entry points, one per command

  /** Starts a new instance at the process's none start event with the given variables. */
  public void start(final Map<String, Object> startVariables) {
    schedule(Step.ACTIVATE, activatingProcessInstance(startVariables));
    run();
  }

  /** The new instance's process element instance, activating, holding the start variables. */
  private ElementInstance activatingProcessInstance(final Map<String, Object> startVariables) {
    final long key = state.processInstance().key();
    final ElementInstance processInstance =
        state.addElementInstance(key, 0, process.bpmnProcessId(), BpmnElementType.PROCESS);
    startVariables.forEach((name, value) -> variables.setLocal(key, name, value));
    records.element(processInstance, "ELEMENT_ACTIVATING");
    return processInstance;
  }

  /**
   * Starts a new instance before the given elements instead of at its none start event (the start
   * instructions of CreateProcessInstance): the process, and every embedded sub-process on the way
   * to an element, is activated without its start event, as a modification activates elements.
   * Elements a modification may not activate are refused, and so is a process with start execution
   * listeners, whose jobs would have to run before any instruction.
   */
  public void startBefore(final Map<String, Object> startVariables, final List<String> elementIds) {
    final FlowElement processElement = process.element(process.bpmnProcessId());
    if (!processElement.listeners(ExecutionListener.EventType.START).isEmpty()) {
      throw startInstructionRejected(
          "has start execution listeners, which start instructions do not support");
    }
    final ElementInstance processInstance = activatingProcessInstance(startVariables);
    subscriptions.open(processInstance, processElement);
    markActivated(processInstance);
    for (final String elementId : elementIds) {
      activateByInstruction(
          new Modification.Activation(elementId, 0, List.of()),
          "start",
          this::startInstructionRejected);
    }
    run();
  }

  private Rejection startInstructionRejected(final String reason) {
    return Rejection.invalidArgument(
        "Expected to create instance of process '"
            + process.bpmnProcessId()
            + "' with start instructions, but it "
            + reason);
  }

  /**
   * Starts a new instance at a timer, message or signal start event; the event's variables become
   * the instance's, as Zeebe's start event output does.
   */
  public void startAt(final String eventStartEventId, final Map<String, Object> eventVars) {
    this.startEventId = eventStartEventId;
    start(eventVars);
  }

  /** A job's worker finished: its variables flow into the instance and the task completes. */
  public void completeJob(final long elementInstanceKey, final Map<String, Object> result) {
    final ElementInstance task = state.elementInstance(elementInstanceKey).orElseThrow();
    completeWithResult(task, result);
    run();
  }

  /** Somebody completed a Camunda user task: as a job completion, its variables flow in. */
  public void completeUserTask(final long elementInstanceKey, final Map<String, Object> result) {
    final ElementInstance task = state.elementInstance(elementInstanceKey).orElseThrow();
    completeWithResult(task, result);
    run();
  }

  /**
   * An event the element instance {@code ownerKey} subscribed to occurred: a timer fired, a message
   * correlated, a signal arrived. {@code catchElementId} is the event that catches it: the owner
   * itself (catch event, receive task), an event after it (event-based gateway), one of its
   * boundary events or the start event of one of its event sub-processes. Answers false when the
   * owner no longer waits for it.
   */
  public boolean triggerEvent(
      final long ownerKey, final String catchElementId, final Map<String, Object> eventVars) {
    final ElementInstance owner = state.elementInstance(ownerKey).orElse(null);
    if (owner == null || owner.state() != State.ACTIVATED) {
      return false;
    }
    final FlowElement ownerElement = process.element(owner.elementId());
    final FlowElement catchEvent = process.element(catchElementId);
    if (catchElementId.equals(owner.elementId())) {
      subscriptions.closeOf(owner);
      records.element(owner, "EVENT_OCCURRED");
      completeWithResult(owner, eventVars);
    } else if (ownerElement.type() == BpmnElementType.EVENT_BASED_GATEWAY) {
      subscriptions.closeOf(owner);
      completeEventBasedGateway(owner, ownerElement, catchEvent, eventVars);
    } else if (catchEvent.type() == BpmnElementType.BOUNDARY_EVENT) {
      activateBoundaryEvent(owner, catchEvent, eventVars);
    } else {
      startEventSubProcess(owner, catchEvent, eventVars);
    }
    run();
    return true;
  }

  /**
   * Throws a BPMN error from an element instance (a job's task, an error end event) to the
   * innermost boundary event or event sub-process that catches its code. Answers false when none
   * does; the caller then raises an incident.
   */
  public boolean throwError(
      final long throwerKey, final String errorCode, final Map<String, Object> errorVars) {
    final boolean caught = throwEvent(throwerKey, BpmnEventType.ERROR, errorCode, errorVars);
    run();
    return caught;
  }

  /** Lets the command reach the parent and children of this instance. */
  public void inHierarchy(final CallHierarchy callHierarchy) {
    this.hierarchy = callHierarchy;
  }

  /**
   * The instance a call activity started completed: the call activity completes with its variables
   * (all of them when it propagates all child variables, else only through its output mappings).
   */
  public void completeCallActivity(
      final long callActivityKey, final Map<String, Object> childVars) {
    final ElementInstance callActivity = state.elementInstance(callActivityKey).orElse(null);
    if (callActivity == null || callActivity.state() != State.ACTIVATED) {
      return;
    }
    final FlowElement element = process.element(callActivity.elementId());
    final boolean propagate =
        element.calledElement().propagateAllChildVariables() || !element.outputs().isEmpty();
    completeWithResult(callActivity, propagate ? childVars : Map.of());
    run();
  }

  /** An error or escalation the called instance did not catch, thrown at the call activity. */
  public boolean throwFromChild(
      final long callActivityKey,
      final BpmnEventType type,
      final String code,
      final Map<String, Object> eventVars) {
    final boolean caught = throwEvent(callActivityKey, type, code, eventVars);
    run();
    return caught;
  }

  /** Signals thrown by throw and end events of this command, to broadcast after it committed. */
  public List<ThrownSignal> thrownSignals() {
    return thrownSignals;
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

  /** A user task transition that task listeners now run, by which its caller awaits it. */
  public record PendingTransition(long userTaskKey, long id) {}

  /**
   * SetVariables from a client: on the element instance of a Camunda user task it is the task's
   * update transition (Camunda 8.8), which answers the transition its updating listeners now run;
   * elsewhere the variables are set at once and nothing is pending (null).
   */
  public PendingTransition setVariablesFromClient(
      final long scopeKey, final Map<String, Object> document, final boolean local) {
    final ElementInstance scope = state.elementInstance(scopeKey).orElseThrow();
    final FlowElement element = process.element(scope.elementId());
    final UserTaskRow task =
        element.userTask() != null && !element.jobBased()
            ? services.userTaskRows().openOf(scopeKey).orElse(null)
            : null;
    if (task == null) {
      setVariables(scopeKey, document, local);
      return null;
    }
    final Long id =
        new TaskVariableUpdate(state, variables, taskListeners).start(task, document, local);
    run();
    return id == null ? null : new PendingTransition(task.key, id);
  }

  /** Retries the step that failed; answers false when the element instance is gone. */
  public boolean retry(final long elementInstanceKey, final String failedStep) {
    final ElementInstance instance = state.elementInstance(elementInstanceKey).orElse(null);
    if (instance == null) {
      return false;
    }
    if (TASK_LISTENER.equals(failedStep)) {
      taskListeners.retry(elementInstanceKey);
      run();
      return true;
    }
    schedule(stepNamed(failedStep), instance);
    run();
    return true;
  }

  private static Step stepNamed(final String failedStep) {
    for (final Step step : Step.values()) {
      if (step.name().equals(failedStep)) {
        return step;
      }
    }
    return Step.ACTIVATE;
  }

  /**
   * An execution listener's job completed: the next listener of the phase runs, or the element goes
   * on (a start listener's variables are local to the element, an end listener's propagate).
   */
  public void completeExecutionListener(
      final long elementInstanceKey, final Map<String, Object> result) {
    final ElementInstance instance = state.elementInstance(elementInstanceKey).orElseThrow();
    final boolean starting = instance.state() == State.ACTIVATING;
    if (starting) {
      result.forEach((name, value) -> variables.setLocal(instance.key(), name, value));
    } else {
      variables.merge(instance.flowScopeKey(), result);
    }
    state.listenerIndex(instance, instance.listenerIndex() + 1);
    schedule(starting ? Step.ACTIVATE_BEHAVIOR : Step.LEAVE, instance);
    run();
  }

  /**
   * A task listener's job completed: the next listener of the user task's transition runs, or the
   * transition is applied (or, when the listener denied it, dropped).
   */
  public void completeTaskListener(
      final long jobKey,
      final long elementInstanceKey,
      final TaskListener.EventType event,
      final Map<String, Object> result,
      final JobResult jobResult) {
    taskListeners.listenerCompleted(jobKey, elementInstanceKey, event, result, jobResult);
    run();
  }

  /** Whether a user task transition of this event waits for task listeners. */
  public boolean hasTaskListeners(final UserTaskRow task, final TaskListener.EventType event) {
    return taskListeners.hasListeners(task, event);
  }

  /**
   * Starts a lifecycle transition of a user task (assigning, updating, completing) that has task
   * listeners; answers the transition's id, which its outcome carries.
   */
  public long startUserTaskTransition(
      final UserTaskRow task,
      final TaskListener.EventType event,
      final String action,
      final Map<String, Object> changes,
      final Map<String, Object> extra) {
    final long id = taskListeners.begin(task, event, action, changes, extra);
    run();
    return id;
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

  /**
   * Applies an operator's modification: every activation, then every termination. A rejection
   * leaves the command's transaction to roll back, so nothing of a refused modification stays.
   */
  /**
   * Moves the instance onto {@code target} (version {@code targetVersion} of its process) as the
   * migration's mapping instructions say, or refuses it naming every problem, changing nothing.
   */
  public void migrate(
      final Migration migration, final ExecutableProcess target, final int targetVersion) {
    new InstanceMigration(
            state,
            process,
            target,
            migration.targetProcessDefinitionKey(),
            targetVersion,
            services,
            variables,
            expressions,
            records)
        .migrate(migration.instructions());
  }

  public void modify(final Modification modification) {
    for (final Modification.Activation activation : modification.activations()) {
      activateByInstruction(activation, "activate", this::modificationRejected);
    }
    run();
    for (final long key : modification.terminations()) {
      terminateByModification(key);
    }
    run();
  }

  /**
   * Activates the element an instruction of a {@code kind} ("activate", "start") names; {@code
   * rejected} refuses it, naming why, when the element cannot be activated.
   */
  private void activateByInstruction(
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
      instruction.variables().forEach((name, value) -> variables.setLocal(scopeKey, name, value));
    }
    createAndSchedule(element, scope.key());
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
      throw modificationRejected(
          "contains an activate instruction for an element in flow scope '"
              + scopeId
              + "', which has more than one active instance");
    }
    if (active.size() == 1) {
      return active.get(0);
    }
    final ElementInstance created =
        state.addElementInstance(
            services.keys().next(), parent.key(), scopeId, scopeElement.type());
    records.element(created, "ELEMENT_ACTIVATING");
    subscriptions.open(created, scopeElement);
    markActivated(created);
    return created;
  }

  private ElementInstance ancestorScope(final FlowElement element, final long ancestorKey) {
    final ElementInstance ancestor =
        state
            .elementInstance(ancestorKey)
            .orElseThrow(
                () ->
                    modificationRejected(
                        "contains an activate instruction with an ancestor scope key that does not"
                            + " exist, or is not in an active state: '"
                            + ancestorKey
                            + "'"));
    if (!ancestor.elementId().equals(element.flowScopeId())
        && !(ancestor.isProcess() && element.flowScopeId().equals(process.bpmnProcessId()))) {
      throw modificationRejected(
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
    throw modificationRejected(
        "contains a variable instruction with a scope '"
            + scopeId
            + "' that is not a flow scope of the activated element");
  }

  private void terminateByModification(final long elementInstanceKey) {
    final ElementInstance instance =
        state
            .elementInstance(elementInstanceKey)
            .filter(i -> !i.isProcess())
            .orElseThrow(
                () ->
                    modificationRejected(
                        "contains one or more terminate instructions with an element instance that"
                            + " could not be found: '"
                            + elementInstanceKey
                            + "'"));
    termination.terminateWithEmptyScopes(instance);
  }

  private Rejection modificationRejected(final String reason) {
    return Modification.rejected(state.processInstance().bpmnProcessId(), reason);
  }

  /**
   * Cancels the whole instance: every active element terminates, then the process; when canceling
   * task listeners hold a user task up, the instance ends once they completed.
   */
  public void cancel() {
    termination.cancel();
  }

  /**
   * The parent's call activity terminates: the instance is canceled as by {@link #cancel}. Answers
   * the user tasks whose canceling listeners hold up its termination (in it and in the instances it
   * called); empty when it ended now.
   */
  public List<UserTaskRow> cancelForParent() {
    if (terminating()) {
      return holdingTermination();
    }
    return termination.cancelForParent();
  }

  /** The user tasks whose canceling listeners hold up this instance's termination. */
  public List<UserTaskRow> holdingTermination() {
    return termination.holdingTermination();
  }

  /**
   * The instance a call activity called, whose termination the call activity waited for, has
   * terminated: the call activity ends, and what waited for it goes on ({@code continuations}).
   */
  public void calledInstanceTerminated(
      final long callActivityKey, final List<Map<String, Object>> continuations) {
    termination.heldTerminationEnded(callActivityKey, new ArrayList<>(continuations));
    run();
  }

  /** Whether the instance is being canceled and waits for canceling task listeners. */
  public boolean terminating() {
    return state
        .processElementInstance()
        .map(process -> process.state() == State.TERMINATING)
        .orElse(false);
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
      if (instance == null || instance.state() == State.TERMINATING) {
        continue; // terminated meanwhile, e.g. by a terminate end event
      }
      try {
        switch (operation.step()) {
          case ACTIVATE -> activate(instance);
          case ACTIVATE_BEHAVIOR -> activateBehavior(instance);
          case COMPLETE -> complete(instance);
          case LEAVE -> leave(instance, process.element(instance.elementId()));
        }
      } catch (Failure.Raised raised) {
        // What the failed step opened is reopened when the step is retried.
        subscriptions.closeOf(instance);
        incident(instance, raised.failure(), operation.step().name(), null);
      }
    }
  }

  // ---- activation

  private void activate(final ElementInstance instance) {
    final FlowElement element = process.element(instance.elementId());
    if (instance.type() == BpmnElementType.MULTI_INSTANCE_BODY) {
      activateMultiInstanceBody(instance, element);
      return;
    }
    if (!element.inputs().isEmpty()) {
      // From the instance itself: an inner multi-instance one already holds its item.
      final Map<String, Object> inputs =
          expressions.evaluateMappings(element.inputs(), variables.lookupFrom(instance.key()));
      inputs.forEach((name, value) -> variables.setLocal(instance.key(), name, value));
    }
    activateBehavior(instance);
  }

  /** Runs the next start execution listener, or, when all ran, the element's own behaviour. */
  private void activateBehavior(final ElementInstance instance) {
    final FlowElement element = process.element(instance.elementId());
    if (listenerPending(instance, element, ExecutionListener.EventType.START)) {
      return;
    }
    if (instance.listenerIndex() > 0) {
      state.listenerIndex(instance, 0); // the end listeners count from zero
    }
    switch (element.type()) {
      case PROCESS, SUB_PROCESS, EVENT_SUB_PROCESS -> activateScope(instance, element);
      case SERVICE_TASK, SEND_TASK, SCRIPT_TASK, BUSINESS_RULE_TASK ->
          activateTask(instance, element);
      case USER_TASK -> activateUserTask(instance, element);
      case CALL_ACTIVITY -> activateCallActivity(instance, element);
      case RECEIVE_TASK, EVENT_BASED_GATEWAY -> activateWaiting(instance, element);
      case INTERMEDIATE_CATCH_EVENT -> activateCatchEvent(instance, element);
      case START_EVENT, BOUNDARY_EVENT -> activateOccurredEvent(instance);
      case INTERMEDIATE_THROW_EVENT -> activateThrowEvent(instance, element);
      case EXCLUSIVE_GATEWAY, INCLUSIVE_GATEWAY -> activateForkingGateway(instance, element);
      case END_EVENT -> activateEndEvent(instance, element);
      default -> {
        markActivated(instance);
        completeNow(instance);
      }
    }
  }

  /**
   * A process or sub-process opens the subscriptions of its event sub-processes and boundary
   * events, then starts at its start event (an event sub-process: at the event that triggered it).
   */
  private void activateScope(final ElementInstance scope, final FlowElement element) {
    subscriptions.open(scope, element);
    markActivated(scope);
    final String start =
        scope.isProcess() && startEventId != null ? startEventId : element.startEventId();
    if (start == null) {
      throw new IllegalStateException("Scope '" + element.id() + "' has no start event");
    }
    final ElementInstance startEvent = createAndSchedule(process.element(start), scope.key());
    final Map<String, Object> triggered = eventVariables.remove(scope.key());
    if (triggered != null) {
      eventVariables.put(startEvent.key(), triggered);
    }
  }

  /**
   * A multi-instance body opens the boundary events' subscriptions, then creates an inner instance
   * per item of the input collection (all at once, or one after the other when sequential).
   */
  private void activateMultiInstanceBody(final ElementInstance body, final FlowElement element) {
    subscriptions.open(body, element);
    final List<?> items = multiInstance.inputCollection(body, element.multiInstance());
    markActivated(body);
    multiInstance.initialise(body, element.multiInstance(), items.size());
    if (items.isEmpty()) {
      completeNow(body);
      return;
    }
    final int parallel = element.multiInstance().sequential() ? 1 : items.size();
    for (int i = 0; i < parallel; i++) {
      createInner(body, element, items.get(i), i + 1);
    }
  }

  private void createInner(
      final ElementInstance body, final FlowElement element, final Object item, final int counter) {
    final ElementInstance inner =
        state.addElementInstance(services.keys().next(), body.key(), element.id(), element.type());
    multiInstance.initialiseInner(inner, element.multiInstance(), item, counter);
    records.element(inner, "ELEMENT_ACTIVATING");
    schedule(Step.ACTIVATE, inner);
  }

  /**
   * After an inner instance ended: the completion condition may end the body; a sequential body
   * goes on with the next item. The body itself completes when no inner instance is left.
   */
  private void afterInnerCompleted(final ElementInstance inner, final FlowElement element) {
    final ElementInstance body = state.elementInstance(inner.flowScopeKey()).orElseThrow();
    if (completionConditionMet.remove(inner.key())) {
      termination.terminateInners(body);
    } else if (element.multiInstance().sequential()) {
      final int next = multiInstance.completed(body) + 1;
      if (next <= multiInstance.size(body)) {
        final List<?> items = multiInstance.inputCollection(body, element.multiInstance());
        createInner(body, element, next <= items.size() ? items.get(next - 1) : null, next);
      }
    }
    onChildEnded(body.key());
  }

  private void activateCallActivity(final ElementInstance instance, final FlowElement element) {
    subscriptions.open(instance, element);
    final String processId =
        expressions.evaluateString(
            element.calledElement().processId(), variables.lookupFrom(instance.key()));
    final ResourceBinding binding = element.calledElement().binding();
    final CalledProcesses.CalledProcess called =
        services
            .processes()
            .find(processId, binding, callerDeploymentKey())
            .orElseThrow(
                () ->
                    new Failure(
                            "CALLED_ELEMENT_ERROR",
                            binding.type() == ResourceBinding.Type.LATEST
                                ? "Expected process with BPMN process id '"
                                    + processId
                                    + "' to be deployed, but not found."
                                : "Expected to call process '"
                                    + processId
                                    + "'"
                                    + binding.describe()
                                    + ", but no such process is deployed.")
                        .raise());
    if (called.process().noneStartEvent().isEmpty()) {
      throw new Failure(
              "CALLED_ELEMENT_ERROR",
              "Expected process with BPMN process id '"
                  + processId
                  + "' to have a none start event, but not found.")
          .raise();
    }
    final Map<String, Object> childVars =
        element.calledElement().propagateAllParentVariables()
            ? variables.visibleFrom(instance.key())
            : variables.localFrom(instance.key());
    markActivated(instance);
    hierarchy.startChild(instance, called.processDefinitionKey(), childVars);
  }

  private void activateUserTask(final ElementInstance instance, final FlowElement element) {
    subscriptions.open(instance, element);
    if (element.jobBased()) {
      createJob(instance, element, userTasks.jobHeaders(instance, element));
    } else if (element.userTask().taskListeners().isEmpty()) {
      userTasks.createUserTask(instance, element);
    } else if (taskListeners.create(userTasks.newUserTask(instance, element, "CREATED"))) {
      return; // activated once its creating listeners completed
    } else {
      markActivated(instance);
      taskListeners.created();
      return;
    }
    markActivated(instance);
  }

  /** Receive tasks and event-based gateways wait until one of their events occurs. */
  private void activateWaiting(final ElementInstance instance, final FlowElement element) {
    subscriptions.open(instance, element);
    markActivated(instance);
  }

  private void activateCatchEvent(final ElementInstance instance, final FlowElement element) {
    final Map<String, Object> triggered = eventVariables.remove(instance.key());
    if (triggered != null || element.eventDefinition() instanceof EventDefinition.Link) {
      // Chosen by an event-based gateway (its event already occurred), or reached by a link.
      markActivated(instance);
      completeWithResult(instance, triggered == null ? Map.of() : triggered);
      return;
    }
    activateWaiting(instance, element);
  }

  /** A start or boundary event is only ever activated because its event occurred. */
  private void activateOccurredEvent(final ElementInstance instance) {
    final Map<String, Object> triggered = eventVariables.remove(instance.key());
    markActivated(instance);
    completeWithResult(instance, triggered == null ? Map.of() : triggered);
  }

  private void activateThrowEvent(final ElementInstance instance, final FlowElement element) {
    markActivated(instance);
    final EventDefinition definition = element.eventDefinition();
    if (definition instanceof EventDefinition.Signal signal) {
      broadcast(instance, signal);
    } else if (definition instanceof EventDefinition.Escalation escalation) {
      throwEscalation(instance, escalation);
      if (state.elementInstance(instance.key()).isEmpty()) {
        return; // an interrupting catch terminated the scope the throw event was in
      }
    }
    completeNow(instance);
  }

  private void broadcast(final ElementInstance instance, final EventDefinition.Signal signal) {
    final String name =
        expressions.evaluateString(signal.name(), variables.lookupFrom(instance.key()));
    thrownSignals.add(new ThrownSignal(name, variables.visibleFrom(instance.key())));
  }

  private void throwEscalation(
      final ElementInstance instance, final EventDefinition.Escalation escalation) {
    final String code =
        expressions.evaluateString(escalation.code(), variables.lookupFrom(instance.key()));
    final boolean caught = throwEvent(instance.key(), BpmnEventType.ESCALATION, code, Map.of());
    records.append(
        instance.key(),
        "ESCALATION",
        caught ? "ESCALATED" : "NOT_ESCALATED",
        instance.elementId(),
        Map.of("escalationCode", code, "throwElementId", instance.elementId()));
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
    subscriptions.open(instance, element);
    if (element.jobBased()) {
      createJob(instance, element, element.taskHeaders());
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

  /** The deployment of this instance's process version, for deployment bindings. */
  private long callerDeploymentKey() {
    return services.processes().deploymentKeyOf(state.processInstance().processDefinitionKey());
  }

  private Object evaluateDecision(final ElementInstance instance, final FlowElement element) {
    final String decisionId =
        expressions.evaluateString(
            element.calledDecision().decisionId(), variables.lookupFrom(instance.key()));
    final ResourceBinding binding = element.calledDecision().binding();
    final DecisionEvaluation evaluation =
        services
            .decisions()
            .evaluate(
                decisionId, binding, callerDeploymentKey(), variables.visibleFrom(instance.key()))
            .orElseThrow(
                () ->
                    new Failure(
                            "CALLED_DECISION_ERROR",
                            binding.type() == ResourceBinding.Type.LATEST
                                ? "Expected to evaluate decision '"
                                    + decisionId
                                    + "', but no decision found for id '"
                                    + decisionId
                                    + "'"
                                : "Expected to evaluate decision '"
                                    + decisionId
                                    + "'"
                                    + binding.describe()
                                    + ", but no such decision is deployed")
                        .raise());
    if (evaluation instanceof DecisionEvaluation.Evaluated evaluated) {
      return evaluated.output();
    }
    final DecisionEvaluation.Failed failed = (DecisionEvaluation.Failed) evaluation;
    throw Failure.decision(failed.message()).raise();
  }

  private void createJob(
      final ElementInstance instance,
      final FlowElement element,
      final Map<String, String> headers) {
    createJob(
        instance,
        element,
        element.taskDefinition().type(),
        element.taskDefinition().retries(),
        headers,
        null);
  }

  /**
   * Creates the job of the next execution listener of a phase if one is still to run; answers
   * whether it did, so the element waits for it.
   */
  private boolean listenerPending(
      final ElementInstance instance,
      final FlowElement element,
      final ExecutionListener.EventType eventType) {
    final List<ExecutionListener> listeners = element.listeners(eventType);
    if (instance.listenerIndex() >= listeners.size()) {
      return false;
    }
    final ExecutionListener listener = listeners.get(instance.listenerIndex());
    createJob(
        instance,
        element,
        listener.type(),
        listener.retries(),
        element.taskHeaders(),
        eventType.name());
    return true;
  }

  private void createJob(
      final ElementInstance instance,
      final FlowElement element,
      final Expression typeExpression,
      final Expression retriesExpression,
      final Map<String, String> headers,
      final String listenerEventType) {
    final String type =
        expressions.evaluateString(typeExpression, variables.lookupFrom(instance.key()));
    if (type.isBlank()) {
      throw Failure.extractValue(
              "Expected result of the expression '"
                  + typeExpression.text()
                  + "' to be a non-empty job type, but was empty.")
          .raise();
    }
    final long retries =
        expressions.evaluateLong(retriesExpression, variables.lookupFrom(instance.key()));
    final long jobKey = services.keys().next();
    final NewJob job =
        new NewJob(
            jobKey,
            type,
            (int) retries,
            headers,
            state.processInstance().key(),
            instance.key(),
            element.id(),
            state.processInstance().bpmnProcessId(),
            state.processInstance().processDefinitionKey(),
            state.processInstance().version(),
            listenerEventType,
            null);
    state.addJob(job);
    final Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("type", type);
    if (listenerEventType != null) {
      payload.put("jobKind", "EXECUTION_LISTENER");
      payload.put("jobListenerEventType", listenerEventType);
    }
    payload.put("retries", retries);
    payload.put("elementInstanceKey", instance.key());
    payload.put("customHeaders", headers);
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
    final EventDefinition definition = element.eventDefinition();
    if (definition instanceof EventDefinition.Error error) {
      // Thrown on activation: an uncaught error leaves the end event ACTIVATING with an incident.
      final String code =
          expressions.evaluateString(error.code(), variables.lookupFrom(instance.key()));
      if (!throwEvent(instance.key(), BpmnEventType.ERROR, code, Map.of())) {
        throw new Failure(
                "UNHANDLED_ERROR_EVENT",
                "Expected to throw an error event with the code '"
                    + code
                    + "', but it was not caught. No error events are available in the scope.")
            .raise();
      }
      return;
    }
    markActivated(instance);
    if (definition instanceof EventDefinition.Signal signal) {
      broadcast(instance, signal);
    } else if (definition instanceof EventDefinition.Escalation escalation) {
      throwEscalation(instance, escalation);
      if (state.elementInstance(instance.key()).isEmpty()) {
        return;
      }
    }
    if (element.eventType() == BpmnEventType.TERMINATE && !termination.terminateScopeOf(instance)) {
      return;
    }
    completeNow(instance);
  }

  private void markActivated(final ElementInstance instance) {
    state.transition(instance, State.ACTIVATED);
    records.element(instance, "ELEMENT_ACTIVATED");
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
    records.element(instance, "ELEMENT_COMPLETING");
    schedule(Step.COMPLETE, instance);
  }

  private void complete(final ElementInstance instance) {
    final FlowElement element = process.element(instance.elementId());
    if (instance.type() == BpmnElementType.MULTI_INSTANCE_BODY) {
      multiInstance
          .output(instance, element.multiInstance())
          .ifPresent(
              output ->
                  variables.merge(
                      instance.flowScopeKey(), Map.of(output.getKey(), output.getValue())));
      finishCompletion(instance, element, outgoingOf(element));
      return;
    }
    if (!element.outputs().isEmpty()) {
      final Map<String, Object> outputs =
          expressions.evaluateMappings(element.outputs(), variables.lookupFrom(instance.key()));
      variables.merge(instance.flowScopeKey(), mergeNested(instance, outputs));
    }
    leave(instance, element);
  }

  /**
   * After outputs and end listeners: the jump of a link, the loop of a body, the outgoing flows.
   */
  private void leave(final ElementInstance instance, final FlowElement element) {
    if (listenerPending(instance, element, ExecutionListener.EventType.END)) {
      return;
    }
    if (element.eventDefinition() instanceof EventDefinition.Link link
        && element.type() == BpmnElementType.INTERMEDIATE_THROW_EVENT) {
      // The jump target exists before the throw event ends, so the scope does not end between.
      createAndSchedule(
          process.linkTarget(element.flowScopeId(), link.name()), instance.flowScopeKey());
    }
    if (element.multiInstance() != null && multiInstance.isInner(instance)) {
      if (multiInstance.innerCompleted(instance, element.multiInstance())) {
        completionConditionMet.add(instance.key());
      }
      finishCompletion(instance, element, List.of());
      return;
    }
    finishCompletion(
        instance, element, isForkingGateway(element) ? List.of() : outgoingOf(element));
  }

  private List<SequenceFlow> outgoingOf(final FlowElement element) {
    final List<SequenceFlow> outgoing = new ArrayList<>();
    element.outgoing().forEach(id -> outgoing.add(process.sequenceFlow(id)));
    return outgoing;
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
      records.element(instance, "ELEMENT_COMPLETING");
    }
    records.element(instance, "ELEMENT_COMPLETED");
    if (element.ownsSubscriptions()) {
      subscriptions.closeOf(instance);
    }
    state.removeElementInstance(instance);
    if (instance.isProcess()) {
      state.endProcessInstance("COMPLETED");
      if (state.processInstance().hasParent()) {
        hierarchy.completeParent(state.finalVariables());
      }
      return;
    }
    if (element.multiInstance() != null && instance.type() != BpmnElementType.MULTI_INSTANCE_BODY) {
      afterInnerCompleted(instance, element);
      return;
    }
    for (final SequenceFlow flow : flows) {
      takeFlow(flow, instance.flowScopeKey());
    }
    if (flows.isEmpty()) {
      onChildEnded(instance.flowScopeKey());
    }
  }

  /** Takes a flow; answers the element instance it activates, null when it arrives at a join. */
  private ElementInstance takeFlow(final SequenceFlow flow, final long flowScopeKey) {
    final Map<String, Object> payload =
        records.payload(flow.id(), BpmnElementType.SEQUENCE_FLOW, flowScopeKey);
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

  private ElementInstance createAndSchedule(final FlowElement element, final long flowScopeKey) {
    final BpmnElementType type =
        element.multiInstance() != null ? BpmnElementType.MULTI_INSTANCE_BODY : element.type();
    final ElementInstance instance =
        state.addElementInstance(services.keys().next(), flowScopeKey, element.id(), type);
    records.element(instance, "ELEMENT_ACTIVATING");
    schedule(Step.ACTIVATE, instance);
    return instance;
  }

  // ---- events that occurred

  private void completeEventBasedGateway(
      final ElementInstance gateway,
      final FlowElement element,
      final FlowElement chosen,
      final Map<String, Object> eventVars) {
    state.transition(gateway, State.COMPLETING);
    records.element(gateway, "ELEMENT_COMPLETING");
    records.element(gateway, "ELEMENT_COMPLETED");
    subscriptions.closeOf(gateway);
    state.removeElementInstance(gateway);
    for (final String flowId : element.outgoing()) {
      final SequenceFlow flow = process.sequenceFlow(flowId);
      if (flow.targetId().equals(chosen.id())) {
        final ElementInstance event = takeFlow(flow, gateway.flowScopeKey());
        eventVariables.put(event.key(), eventVars);
        return;
      }
    }
  }

  /**
   * A boundary event occurred: an interrupting one terminates its activity first; either way the
   * boundary event is activated next to the activity and continues along its own flows.
   */
  private void activateBoundaryEvent(
      final ElementInstance activity,
      final FlowElement boundary,
      final Map<String, Object> eventVars) {
    if (boundary.interrupting() && !termination.interruptActivity(activity, boundary, eventVars)) {
      return;
    }
    final ElementInstance event = createAndSchedule(boundary, activity.flowScopeKey());
    eventVariables.put(event.key(), eventVars);
  }

  /**
   * The start event of an event sub-process occurred in {@code scope}: an interrupting one
   * terminates everything else the scope runs, and no other event sub-process of the scope starts
   * after it; then the event sub-process starts at that event.
   */
  private void startEventSubProcess(
      final ElementInstance scope,
      final FlowElement startEvent,
      final Map<String, Object> eventVars) {
    if (startEvent.interrupting() && !termination.interruptScope(scope, startEvent, eventVars)) {
      return;
    }
    final ElementInstance subProcess =
        createAndSchedule(process.element(startEvent.flowScopeId()), scope.key());
    eventVariables.put(subProcess.key(), eventVars);
  }

  /**
   * Finds, from the thrower outwards, the innermost boundary event or event sub-process start that
   * catches an error or escalation with this code (an exact code before a catch-all one in the same
   * place), and triggers it. Answers false when nothing catches it.
   */
  private boolean throwEvent(
      final long throwerKey,
      final BpmnEventType type,
      final String code,
      final Map<String, Object> eventVars) {
    ElementInstance current = state.elementInstance(throwerKey).orElse(null);
    boolean thrower = true;
    while (current != null) {
      final FlowElement element = process.element(current.elementId());
      // An event thrown inside a scope meets the scope's event sub-processes before the boundary
      // events outside it; the thrower's own event sub-processes do not catch what it throws.
      if (!thrower) {
        final FlowElement start = catcher(element.eventSubProcessStartIds(), type, code);
        if (start != null) {
          records.append(current.key(), type.name(), "THROWN", start.id(), Map.of("code", code));
          startEventSubProcess(current, start, eventVars);
          return true;
        }
      }
      final FlowElement boundary =
          element.multiInstance() != null && current.type() != BpmnElementType.MULTI_INSTANCE_BODY
              ? null // the body, met next, carries the boundary events
              : catcher(element.boundaryEventIds(), type, code);
      if (boundary != null) {
        activateBoundaryEvent(current, boundary, eventVars);
        return true;
      }
      thrower = false;
      current =
          current.flowScopeKey() == 0
              ? null
              : state.elementInstance(current.flowScopeKey()).orElse(null);
    }
    return state.processInstance().hasParent() && hierarchy.throwToParent(type, code, eventVars);
  }

  private FlowElement catcher(
      final List<String> candidateIds, final BpmnEventType type, final String code) {
    FlowElement catchAll = null;
    for (final String id : candidateIds) {
      final FlowElement candidate = process.element(id);
      if (candidate.eventType() != type) {
        continue;
      }
      final EventDefinition definition = candidate.eventDefinition();
      final boolean all =
          definition instanceof EventDefinition.Error error
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
    return definition instanceof EventDefinition.Error error
        ? error.code().text()
        : ((EventDefinition.Escalation) definition).code().text();
  }

  // ---- termination hooks and incidents

  /** Lets the command layer cancel jobs and resolve incidents of terminated element instances. */
  @FunctionalInterface
  public interface TerminationHook {
    void onTerminate(ElementInstance instance);
  }

  public void onTerminate(final TerminationHook hook) {
    termination.onTerminate(hook);
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
}
