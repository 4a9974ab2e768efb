package io.flowdesk.engine.execution;

import io.flowdesk.engine.model.BpmnElementType;
import io.flowdesk.engine.model.ExecutableProcess;
import io.flowdesk.engine.model.FlowElement;
import io.flowdesk.engine.state.ElementInstance;
import io.flowdesk.engine.state.ElementInstance.State;
import io.flowdesk.engine.state.InstanceState;
import io.flowdesk.engine.state.UserTaskRow;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Terminates element instances and what runs in them: for a cancellation, an interrupting boundary
 * event or event sub-process, a terminate end event, a met completion condition or an operator's
 * modification. A Camunda user task whose canceling listeners run holds a termination up across
 * commands (see {@link TerminationHolds}); this class also decides what happens once it ends.
 *
 * <p>Termination changes with Zeebe's termination semantics (holds, call activities waiting for the
 * instances they called), the agenda with the activation and completion rules, so they live apart.
 * What goes on after a held-up termination is the agenda's work, though: this class reaches it only
 * through {@link Resumption}, which {@link ElementTransitions} implements, so the agenda depends on
 * the termination and not the other way round.
 */
final class ElementTermination {

  /** The agenda's steps a termination that was held up resumes once it ended. */
  interface Resumption {
    /** Creates an instance of {@code element} in the scope and schedules its activation. */
    void activate(FlowElement element, long flowScopeKey, Map<String, Object> eventVariables);

    /** Completes a terminate end event whose scope has nothing else left. */
    void complete(ElementInstance endEvent);

    /** A child of the scope ended: a join may fire, the scope may complete. */
    void childEnded(long flowScopeKey);
  }

  /** No element instance has this key: nothing is spared when a scope's content terminates. */
  private static final long NONE = -1L;

  private final InstanceState state;
  private final ExecutableProcess process;
  private final ElementRecords records;
  private final EventSubscriptionBehavior subscriptions;
  private final MultiInstanceBehavior multiInstance;
  private final ElementProcessors processors;
  private final TerminationHolds holds;
  private final Supplier<CallHierarchy> hierarchy;
  private final Resumption resumption;
  private final List<BpmnExecution.TerminationHook> hooks = new ArrayList<>();

  ElementTermination(
      final InstanceState state,
      final ExecutableProcess process,
      final EngineServices services,
      final ElementRecords records,
      final EventSubscriptionBehavior subscriptions,
      final MultiInstanceBehavior multiInstance,
      final ElementProcessors processors,
      final Supplier<CallHierarchy> hierarchy,
      final Resumption resumption) {
    this.state = state;
    this.process = process;
    this.records = records;
    this.subscriptions = subscriptions;
    this.multiInstance = multiInstance;
    this.processors = processors;
    this.holds = new TerminationHolds(services, state.processInstance().key());
    this.hierarchy = hierarchy;
    this.resumption = resumption;
  }

  /**
   * User tasks whose canceling listeners run (in this instance or in one a call activity called)
   * hold up the termination of the element instance being terminated.
   */
  void heldUpBy(final List<UserTaskRow> tasks) {
    holds.holdingTasks(tasks);
  }

  void onTerminate(final BpmnExecution.TerminationHook hook) {
    hooks.add(hook);
  }

  /**
   * Withdraws the jobs and incidents of an element instance that goes on, as a termination would:
   * an ad-hoc sub-process's job that is created anew replaces the one still open.
   */
  void withdrawJobs(final ElementInstance instance) {
    hooks.forEach(hook -> hook.onTerminate(instance));
  }

  /**
   * Cancels the whole instance: every active element terminates, then the process; when canceling
   * task listeners hold a user task up, the instance ends once they completed.
   */
  void cancel() {
    final boolean ended = state.processElementInstance().map(this::terminate).orElse(true);
    holds.release(); // the process element's own end ends the instance
    if (ended) {
      state.endProcessInstance("TERMINATED");
    }
  }

  /**
   * Cancels the instance for the parent's call activity. Answers the user tasks holding up its
   * termination, which the call activity's own continuations are kept in.
   */
  List<UserTaskRow> cancelForParent() {
    final boolean ended = state.processElementInstance().map(this::terminate).orElse(true);
    final List<UserTaskRow> holding = holds.handOver();
    if (ended) {
      state.endProcessInstance("TERMINATED");
    }
    return holding;
  }

  /** The user tasks whose canceling listeners hold up this instance's termination. */
  List<UserTaskRow> holdingTermination() {
    state.processElementInstance().ifPresent(this::collectHolding);
    return holds.handOver();
  }

  /**
   * Terminates an element instance and what runs in it, including the instances its call activities
   * called. Answers true when it ended now, false when a Camunda user task in it (or in such an
   * instance) holds the termination up while its canceling listeners run: it stays TERMINATING (so
   * do the scopes and call activities around the task up to it), the tasks holding it up are in
   * {@link #holds}, and the caller leaves a continuation there for what was to follow.
   */
  boolean terminate(final ElementInstance instance) {
    if (instance.state() == State.TERMINATING) {
      collectHolding(instance); // held up by an earlier command; now it holds this one up too
      return false;
    }
    state.transition(instance, State.TERMINATING);
    records.element(instance, "ELEMENT_TERMINATING");
    final FlowElement element = process.element(instance.elementId());
    if (element.ownsSubscriptions()) {
      subscriptions.closeOf(instance);
    }
    final BpmnElementProcessor processor = processors.of(instance.type(), element.eventType());
    boolean ended = processor.terminate(instance, element);
    ended &= terminateContent(instance.key(), NONE);
    hooks.forEach(hook -> hook.onTerminate(instance));
    // After the hooks, which cancel the element's jobs: what the processor creates now stays.
    ended &= processor.terminated(instance, element);
    if (!ended) {
      return false;
    }
    records.element(instance, "ELEMENT_TERMINATED");
    state.removeElementInstance(instance);
    return true;
  }

  /**
   * Terminates the children of a scope but {@code except}; the tokens that waited at its joins go
   * with them. Answers whether all of them ended now.
   */
  private boolean terminateContent(final long scopeKey, final long except) {
    boolean ended = true;
    for (final ElementInstance child : state.children(scopeKey)) {
      if (child.key() != except) {
        ended &= terminate(child);
      }
    }
    for (final InstanceState.JoinPoint joinPoint : state.joinPointsIn(scopeKey)) {
      state
          .takenFlows(joinPoint)
          .forEach((flow, count) -> state.addTakenFlow(joinPoint, flow, -count));
    }
    return ended;
  }

  /**
   * An interrupting boundary event occurred: its activity terminates. Answers whether the event may
   * go on now; otherwise it does once the termination held up ended.
   */
  boolean interruptActivity(
      final ElementInstance activity,
      final FlowElement boundary,
      final Map<String, Object> eventVars) {
    if (terminate(activity)) {
      return true;
    }
    final Map<String, Object> details = new LinkedHashMap<>();
    details.put("boundary", boundary.id());
    details.put("scope", activity.flowScopeKey());
    details.put("variables", eventVars);
    holds.hold("boundary", activity.key(), details);
    return false;
  }

  /**
   * An interrupting event sub-process starts: everything else the scope runs terminates, and no
   * other event sub-process of the scope starts after it. Answers whether it may start now;
   * otherwise it does once the termination held up ended.
   */
  boolean interruptScope(
      final ElementInstance scope,
      final FlowElement startEvent,
      final Map<String, Object> eventVars) {
    final FlowElement scopeElement = process.element(scope.elementId());
    for (final String otherStart : scopeElement.eventSubProcessStartIds()) {
      state.closeSubscription(scope.key(), otherStart);
    }
    if (terminateContent(scope.key(), NONE)) {
      return true;
    }
    final Map<String, Object> details = new LinkedHashMap<>();
    details.put("start", startEvent.id());
    details.put("variables", eventVars);
    holds.hold("eventSubProcess", scope.key(), details);
    return false;
  }

  /**
   * A terminate end event ends everything else in its scope. Answers whether it may complete now;
   * otherwise it does once the termination held up ended.
   */
  boolean terminateScopeOf(final ElementInstance endEvent) {
    if (terminateContent(endEvent.flowScopeKey(), endEvent.key())) {
      return true;
    }
    holds.hold("terminateEnd", endEvent.flowScopeKey(), Map.of("endEvent", endEvent.key()));
    return false;
  }

  /**
   * The completion condition of a multi-instance body was met: its other inner instances terminate;
   * if that is held up, the body looks at its children again once it ended.
   */
  void terminateInners(final ElementInstance body) {
    boolean ended = true;
    for (final ElementInstance other : state.children(body.key())) {
      ended &= terminate(other);
      multiInstance.innerTerminated(other);
    }
    if (!ended) {
      holds.hold("multiInstance", body.key(), Map.of());
    }
  }

  /**
   * What runs in an ad-hoc sub-process terminates (its completion condition was met, or elements
   * are activated with {@code cancelRemainingInstances}). Answers whether all of it ended now; if
   * not and {@code completeAfterwards}, the sub-process completes once it ended.
   */
  boolean terminateRemaining(final ElementInstance adHoc, final boolean completeAfterwards) {
    if (terminateContent(adHoc.key(), NONE)) {
      return true;
    }
    if (completeAfterwards) {
      holds.hold("adHocCompletion", adHoc.key(), Map.of());
    }
    return false;
  }

  /**
   * An operator's modification terminates an element instance; a scope that is left without active
   * instances terminates too, once the termination ended.
   */
  void terminateWithEmptyScopes(final ElementInstance instance) {
    final long flowScopeKey = instance.flowScopeKey();
    if (!terminate(instance)) {
      holds.hold("emptyScopes", instance.key(), Map.of("scope", flowScopeKey));
      return;
    }
    terminateEmptyScopes(flowScopeKey);
  }

  /** A scope left without active instances terminates too, up to the process instance. */
  private void terminateEmptyScopes(final long scopeKey) {
    final ElementInstance scope = state.elementInstance(scopeKey).orElse(null);
    if (scope == null || !state.children(scope.key()).isEmpty()) {
      return;
    }
    if (scope.isProcess()) {
      if (state.processInstance().hasParent()) {
        throw Modification.rejected(
            state.processInstance().bpmnProcessId(),
            "would terminate all active element instances of a child process instance; terminate"
                + " the call activity in the parent instead");
      }
      terminate(scope);
      state.endProcessInstance("TERMINATED");
      return;
    }
    terminate(scope);
    terminateEmptyScopes(scope.flowScopeKey());
  }

  private void collectHolding(final ElementInstance terminating) {
    holds.alreadyHolding(terminating.key());
    if (terminating.type() == BpmnElementType.CALL_ACTIVITY) {
      holds.holdingTasks(hierarchy.get().holdingChildOf(terminating));
    }
    for (final ElementInstance child : state.children(terminating.key())) {
      collectHolding(child);
    }
  }

  /**
   * What held up the termination of an element instance let go: the canceling listeners of its task
   * completed, or the instance a call activity called has terminated. Nothing happens if it is no
   * longer terminating.
   */
  void heldTerminationEnded(
      final long elementInstanceKey, final List<Map<String, Object>> continuations) {
    state
        .elementInstance(elementInstanceKey)
        .filter(instance -> instance.state() == State.TERMINATING)
        .ifPresent(instance -> endHeldTermination(instance, continuations));
  }

  /**
   * The element ends, so does each terminating scope around it that has nothing left, and the
   * continuations that waited for them run. When the instance itself ends, a call activity waits
   * for it: the continuations of the instances above go on there.
   */
  private void endHeldTermination(
      final ElementInstance instance, final List<Map<String, Object>> continuations) {
    hooks.forEach(hook -> hook.onTerminate(instance)); // incidents raised meanwhile
    records.element(instance, "ELEMENT_TERMINATED");
    state.removeElementInstance(instance);
    if (instance.isProcess()) {
      state.endProcessInstance("TERMINATED");
      if (state.processInstance().hasParent()) {
        hierarchy
            .get()
            .terminatedForParent(continuations.stream().filter(c -> !holds.owns(c)).toList());
      }
      return;
    }
    continueAfterTermination(continuations);
    final ElementInstance scope = state.elementInstance(instance.flowScopeKey()).orElse(null);
    if (scope != null
        && scope.state() == State.TERMINATING
        && state.children(scope.key()).isEmpty()) {
      endHeldTermination(scope, continuations);
    }
  }

  /** Runs, once, each continuation whose termination has ended by now. */
  private void continueAfterTermination(final List<Map<String, Object>> continuations) {
    final Iterator<Map<String, Object>> pending = continuations.iterator();
    while (pending.hasNext()) {
      final Map<String, Object> continuation = pending.next();
      if (!holds.owns(continuation)) {
        continue; // a caller's, which goes on once this instance has terminated
      }
      final long root = TerminationHolds.key(continuation, "root");
      final ElementInstance rootInstance = state.elementInstance(root).orElse(null);
      final boolean ran =
          switch (TerminationHolds.kind(continuation)) {
            case "boundary" -> rootInstance == null && activateHeldBoundary(continuation);
            case "emptyScopes" -> {
              if (rootInstance != null) {
                yield false;
              }
              terminateEmptyScopes(TerminationHolds.key(continuation, "scope"));
              yield true;
            }
            case "eventSubProcess" ->
                emptied(rootInstance, null) && startHeldEventSubProcess(rootInstance, continuation);
            case "terminateEnd" -> {
              final long endEvent = TerminationHolds.key(continuation, "endEvent");
              if (!emptied(rootInstance, endEvent)) {
                yield false;
              }
              state.elementInstance(endEvent).ifPresent(resumption::complete);
              yield true;
            }
            case "adHocCompletion" -> {
              if (!emptied(rootInstance, null)) {
                yield false;
              }
              resumption.complete(rootInstance);
              yield true;
            }
            case "multiInstance" -> {
              if (!emptied(rootInstance, null)) {
                yield false;
              }
              resumption.childEnded(root);
              yield true;
            }
            default -> true;
          };
      if (ran) {
        pending.remove();
      }
    }
  }

  /** Whether an active scope has no children left but {@code except}. */
  private boolean emptied(final ElementInstance scope, final Long except) {
    return scope != null
        && scope.state() == State.ACTIVATED
        && state.children(scope.key()).stream()
            .allMatch(child -> except != null && child.key() == except);
  }

  private boolean activateHeldBoundary(final Map<String, Object> continuation) {
    final long scopeKey = TerminationHolds.key(continuation, "scope");
    if (state.elementInstance(scopeKey).filter(s -> s.state() == State.ACTIVATED).isEmpty()) {
      return true; // its scope ended meanwhile: the boundary event has nowhere to go
    }
    resumption.activate(
        process.element((String) continuation.get("boundary")),
        scopeKey,
        TerminationHolds.variables(continuation));
    return true;
  }

  private boolean startHeldEventSubProcess(
      final ElementInstance scope, final Map<String, Object> continuation) {
    final FlowElement start = process.element((String) continuation.get("start"));
    resumption.activate(
        process.element(start.flowScopeId()),
        scope.key(),
        TerminationHolds.variables(continuation));
    return true;
  }
}
