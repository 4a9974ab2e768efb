package io.flowdesk.engine.execution;

import io.flowdesk.engine.model.BpmnElementType;
import io.flowdesk.engine.model.BpmnEventType;
import io.flowdesk.engine.model.ExecutableProcess;
import io.flowdesk.engine.model.ExecutionListener;
import io.flowdesk.engine.model.FlowElement;
import io.flowdesk.engine.model.TaskListener;
import io.flowdesk.engine.state.ElementInstance;
import io.flowdesk.engine.state.ElementInstance.State;
import io.flowdesk.engine.state.InstanceState;
import io.flowdesk.engine.state.UserTaskRow;
import io.flowdesk.engine.support.Rejection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs one process instance forward for one command: each entry point (one per command) puts steps
 * on the {@link Agenda}, which runs them until the instance waits (for a job, a join, an incident)
 * or ends. What an element does is its {@link BpmnElementProcessor}'s ({@link ElementProcessors}).
 * Everything happens on the in-memory {@link InstanceState}; the caller writes it back in the
 * command's transaction.
 */
public final class BpmnExecution {

  private final ExecutionContext context;
  private final InstanceState state;
  private final ExecutableProcess process;
  private final Agenda agenda;

  /** A signal a throw or end event broadcast. */
  public record ThrownSignal(String name, Map<String, Object> variables) {}

  public BpmnExecution(
      final InstanceState state, final ExecutableProcess process, final EngineServices services) {
    this.context = new ExecutionContext(state, process, services);
    this.state = state;
    this.process = process;
    this.agenda = context.agenda();
  }

  // ---- entry points, one per command

  /** Starts a new instance at the process's none start event with the given variables. */
  public void start(final Map<String, Object> startVariables) {
    agenda.schedule(Agenda.Step.ACTIVATE, activatingProcessInstance(startVariables));
    agenda.run();
  }

  /** The new instance's process element instance, activating, holding the start variables. */
  private ElementInstance activatingProcessInstance(final Map<String, Object> startVariables) {
    final long key = state.processInstance().key();
    final ElementInstance processInstance =
        state.addElementInstance(key, 0, process.bpmnProcessId(), BpmnElementType.PROCESS);
    startVariables.forEach((name, value) -> context.variables().setLocal(key, name, value));
    context.records().element(processInstance, "ELEMENT_ACTIVATING");
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
    context.subscriptions().open(processInstance, processElement);
    context.transitions().markActivated(processInstance);
    final InstanceModification modification = new InstanceModification(context);
    for (final String elementId : elementIds) {
      modification.activate(
          new Modification.Activation(elementId, 0, List.of()),
          "start",
          this::startInstructionRejected);
    }
    agenda.run();
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
    context.processors().process().startAt(eventStartEventId);
    start(eventVars);
  }

  /** A job's worker finished: its variables flow into the instance and the task completes. */
  public void completeJob(final long elementInstanceKey, final Map<String, Object> result) {
    final ElementInstance task = state.elementInstance(elementInstanceKey).orElseThrow();
    context.transitions().completeWithResult(task, result);
    agenda.run();
  }

  /** Somebody completed a Camunda user task: as a job completion, its variables flow in. */
  public void completeUserTask(final long elementInstanceKey, final Map<String, Object> result) {
    completeJob(elementInstanceKey, result);
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
    if (!context.triggers().occurred(ownerKey, catchElementId, eventVars)) {
      return false;
    }
    agenda.run();
    return true;
  }

  /**
   * Throws a BPMN error from an element instance (a job's task, an error end event) to the
   * innermost boundary event or event sub-process that catches its code. Answers false when none
   * does; the caller then raises an incident.
   */
  public boolean throwError(
      final long throwerKey, final String errorCode, final Map<String, Object> errorVars) {
    final boolean caught =
        context.throwing().throwEvent(throwerKey, BpmnEventType.ERROR, errorCode, errorVars);
    agenda.run();
    return caught;
  }

  /** Lets the command reach the parent and children of this instance. */
  public void inHierarchy(final CallHierarchy callHierarchy) {
    context.inHierarchy(callHierarchy);
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
    context.transitions().completeWithResult(callActivity, propagate ? childVars : Map.of());
    agenda.run();
  }

  /** An error or escalation the called instance did not catch, thrown at the call activity. */
  public boolean throwFromChild(
      final long callActivityKey,
      final BpmnEventType type,
      final String code,
      final Map<String, Object> eventVars) {
    final boolean caught = context.throwing().throwEvent(callActivityKey, type, code, eventVars);
    agenda.run();
    return caught;
  }

  /** Signals thrown by throw and end events of this command, to broadcast after it committed. */
  public List<ThrownSignal> thrownSignals() {
    return context.throwing().thrownSignals();
  }

  /** Sets variables in a scope: locally, or merged upwards as Zeebe's SetVariables does. */
  public void setVariables(
      final long scopeKey, final Map<String, Object> document, final boolean local) {
    if (local) {
      document.forEach((name, value) -> context.variables().setLocal(scopeKey, name, value));
    } else {
      context.variables().merge(scopeKey, document);
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
            ? context.services().userTaskRows().openOf(scopeKey).orElse(null)
            : null;
    if (task == null) {
      setVariables(scopeKey, document, local);
      return null;
    }
    final Long id =
        new TaskVariableUpdate(state, context.variables(), context.taskListeners())
            .start(task, document, local);
    agenda.run();
    return id == null ? null : new PendingTransition(task.key, id);
  }

  /** Retries the step that failed; answers false when the element instance is gone. */
  public boolean retry(final long elementInstanceKey, final String failedStep) {
    final ElementInstance instance = state.elementInstance(elementInstanceKey).orElse(null);
    if (instance == null) {
      return false;
    }
    if (IncidentBehavior.TASK_LISTENER.equals(failedStep)) {
      context.taskListeners().retry(elementInstanceKey);
    } else {
      agenda.schedule(Agenda.Step.named(failedStep), instance);
    }
    agenda.run();
    return true;
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
      result.forEach((name, value) -> context.variables().setLocal(instance.key(), name, value));
    } else {
      context.variables().merge(instance.flowScopeKey(), result);
    }
    state.listenerIndex(instance, instance.listenerIndex() + 1);
    agenda.schedule(starting ? Agenda.Step.ACTIVATE_BEHAVIOR : Agenda.Step.LEAVE, instance);
    agenda.run();
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
    context.taskListeners().listenerCompleted(jobKey, elementInstanceKey, event, result, jobResult);
    agenda.run();
  }

  /** Whether a user task transition of this event waits for task listeners. */
  public boolean hasTaskListeners(final UserTaskRow task, final TaskListener.EventType event) {
    return context.taskListeners().hasListeners(task, event);
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
    final long id = context.taskListeners().begin(task, event, action, changes, extra);
    agenda.run();
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
    context.incidents().raise(instance, new Failure(errorType, message), failedStep, jobKey);
  }

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
            context.services(),
            context.variables(),
            context.expressions(),
            context.records())
        .migrate(migration.instructions());
  }

  /**
   * Applies an operator's modification: every activation, then every termination (a move is both).
   * A rejection leaves the command's transaction to roll back, so nothing of a refused modification
   * stays.
   */
  public void modify(final Modification instructions) {
    final InstanceModification instanceModification = new InstanceModification(context);
    final Modification modification = instanceModification.resolveMoves(instructions);
    instanceModification.activateAll(modification);
    agenda.run();
    instanceModification.terminateAll(modification);
    agenda.run();
  }

  /**
   * Activates elements in the active ad-hoc sub-process instance {@code adHocKey} (the ad-hoc
   * activities API). Refused, changing nothing, when the key names no active ad-hoc sub-process
   * instance (NOT_FOUND, as Camunda answers) or an element is not one the sub-process may activate
   * (INVALID_ARGUMENT, naming them).
   */
  public void activateAdHocElements(final long adHocKey, final AdHocActivation activation) {
    final ElementInstance scope =
        state
            .elementInstance(adHocKey)
            .filter(i -> i.state() != State.TERMINATING)
            .orElseThrow(
                () ->
                    Rejection.notFound(
                        "Expected to activate elements in ad-hoc sub-process instance '"
                            + adHocKey
                            + "', but no such element instance was found"));
    if (scope.type() != BpmnElementType.AD_HOC_SUB_PROCESS) {
      throw Rejection.notFound(
          "Expected to activate elements in ad-hoc sub-process instance '"
              + adHocKey
              + "', but element instance '"
              + adHocKey
              + "' is a "
              + scope.type()
              + " ('"
              + scope.elementId()
              + "'), not an ad-hoc sub-process");
    }
    if (scope.state() != State.ACTIVATED) {
      throw Rejection.invalidState(
          "Expected to activate elements in ad-hoc sub-process instance '"
              + adHocKey
              + "', but it is "
              + scope.state()
              + ", not ACTIVATED");
    }
    final FlowElement adHoc = process.element(scope.elementId());
    AdHocSubProcessProcessor.refuseUnknown(
        adHoc,
        activation.elements().stream().map(AdHocActivation.Element::elementId).toList(),
        "activate elements of ad-hoc sub-process '" + adHoc.id() + "'");
    context.processors().adHocSubProcess().activateElements(scope, activation);
    agenda.run();
  }

  /**
   * The job of an ad-hoc sub-process implemented by a job worker completed with its result (an
   * empty one when the worker gave none): the elements it names are activated, or the sub-process
   * completes. A bad result is refused (INVALID_ARGUMENT naming the elements) and nothing happens.
   */
  public void completeAdHocSubProcessJob(
      final long elementInstanceKey,
      final Map<String, Object> variables,
      final JobResult.AdHocResult result) {
    final ElementInstance scope = state.elementInstance(elementInstanceKey).orElseThrow();
    context.processors().adHocSubProcess().jobCompleted(scope, variables, result);
    agenda.run();
  }

  /**
   * Cancels the whole instance: every active element terminates, then the process; when canceling
   * task listeners hold a user task up, the instance ends once they completed.
   */
  public void cancel() {
    context.termination().cancel();
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
    return context.termination().cancelForParent();
  }

  /** The user tasks whose canceling listeners hold up this instance's termination. */
  public List<UserTaskRow> holdingTermination() {
    return context.termination().holdingTermination();
  }

  /**
   * The instance a call activity called, whose termination the call activity waited for, has
   * terminated: the call activity ends, and what waited for it goes on ({@code continuations}).
   */
  public void calledInstanceTerminated(
      final long callActivityKey, final List<Map<String, Object>> continuations) {
    context.termination().heldTerminationEnded(callActivityKey, new ArrayList<>(continuations));
    agenda.run();
  }

  /** Whether the instance is being canceled and waits for canceling task listeners. */
  public boolean terminating() {
    return state
        .processElementInstance()
        .map(processInstance -> processInstance.state() == State.TERMINATING)
        .orElse(false);
  }

  /** Lets the command layer cancel jobs and resolve incidents of terminated element instances. */
  @FunctionalInterface
  public interface TerminationHook {
    void onTerminate(ElementInstance instance);
  }

  public void onTerminate(final TerminationHook hook) {
    context.termination().onTerminate(hook);
  }
}
