package io.flowdesk.engine.execution;

import io.flowdesk.engine.model.BpmnElementType;
import io.flowdesk.engine.model.EventDefinition;
import io.flowdesk.engine.model.FlowElement;
import io.flowdesk.engine.state.CompensationSubscription;
import io.flowdesk.engine.state.CompensationSubscription.State;
import io.flowdesk.engine.state.CompensationSubscriptions;
import io.flowdesk.engine.state.ElementInstance;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Compensation as Camunda 8.8 documents it. An activity with a compensation boundary event that
 * completes is remembered in its flow scope (a multi-instance activity once, when its body
 * completes); so is a completed sub-process in which such activities completed. A compensation
 * throw or end event invokes, at once and in no particular order, the handlers of what completed in
 * its scope (or of the one activity its {@code activityRef} names), descending into completed
 * sub-processes, and waits until they all completed. What is active or terminated is not
 * compensated, what was compensated is not again, and a child process is never entered.
 */
final class CompensationBehavior {

  private static final String VALUE_TYPE = "COMPENSATION_SUBSCRIPTION";

  private final ExecutionContext context;
  private final CompensationSubscriptions subscriptions;

  CompensationBehavior(final ExecutionContext context) {
    this.context = context;
    this.subscriptions = context.state().compensations();
  }

  /**
   * An element instance completed (before it is removed): a compensable activity is remembered, a
   * handler that ends may complete the throw event waiting for it.
   */
  void completed(final ElementInstance instance, final FlowElement element) {
    final CompensationSubscription invoked = subscriptions.invoked(instance.key());
    if (invoked != null) {
      subscriptions.remove(invoked);
      append(invoked, "COMPLETED");
      completeThrowEventWhenDone(invoked.scopeKey());
      return;
    }
    final String handlerId = handlerOf(instance, element);
    final boolean holdsCompensable =
        isContainer(instance) && !subscriptions.inScope(instance.key(), State.COMPLETED).isEmpty();
    if (handlerId != null || holdsCompensable) {
      final CompensationSubscription subscription =
          new CompensationSubscription(
              instance.key(), instance.flowScopeKey(), element.id(), handlerId, State.COMPLETED);
      subscriptions.add(subscription);
      append(subscription, "CREATED");
    }
  }

  /**
   * Invokes the handlers {@code throwEvent} compensates; answers false when there are none, so that
   * the throw event goes on at once.
   */
  boolean trigger(
      final ElementInstance throwEvent, final EventDefinition.Compensation compensation) {
    final long scopeKey = compensationScopeOf(throwEvent);
    final Deque<CompensationSubscription> toCompensate = new ArrayDeque<>();
    for (final CompensationSubscription completed :
        subscriptions.inScope(scopeKey, State.COMPLETED)) {
      if (compensation.activityRef() == null
          || compensation.activityRef().equals(completed.elementId())) {
        toCompensate.add(completed);
      }
    }
    boolean invokedAny = false;
    while (!toCompensate.isEmpty()) {
      final CompensationSubscription completed = toCompensate.removeFirst();
      subscriptions.remove(completed);
      append(completed, "TRIGGERED");
      // A completed sub-process is compensated with everything compensable inside it.
      toCompensate.addAll(subscriptions.inScope(completed.key(), State.COMPLETED));
      if (completed.handlerId() != null) {
        invoke(completed.handlerId(), scopeKey, throwEvent);
        invokedAny = true;
      }
    }
    return invokedAny;
  }

  /**
   * The handler runs in the scope the compensation was thrown in: the scope of a completed
   * sub-process it belongs to has ended.
   */
  private void invoke(
      final String handlerId, final long scopeKey, final ElementInstance throwEvent) {
    final ElementInstance handler =
        context.transitions().createAndSchedule(context.process().element(handlerId), scopeKey);
    final CompensationSubscription running =
        new CompensationSubscription(
            handler.key(), throwEvent.key(), handlerId, null, State.INVOKED);
    subscriptions.add(running);
  }

  private void completeThrowEventWhenDone(final long throwEventKey) {
    if (!subscriptions.inScope(throwEventKey, State.INVOKED).isEmpty()) {
      return;
    }
    context
        .state()
        .elementInstance(throwEventKey)
        .filter(e -> e.state() == ElementInstance.State.ACTIVATED)
        .ifPresent(context.transitions()::completeNow);
  }

  /**
   * The scope a throw event compensates: its flow scope, or, in an event sub-process, the scope
   * around the event sub-process.
   */
  private long compensationScopeOf(final ElementInstance throwEvent) {
    return context
        .state()
        .elementInstance(throwEvent.flowScopeKey())
        .filter(scope -> scope.type() == BpmnElementType.EVENT_SUB_PROCESS)
        .map(ElementInstance::flowScopeKey)
        .orElse(throwEvent.flowScopeKey());
  }

  /**
   * The handler of a completed activity; none for an inner instance of a multi-instance activity,
   * whose body is compensated once for all.
   */
  private String handlerOf(final ElementInstance instance, final FlowElement element) {
    if (element.boundaryEventIds().isEmpty()
        || (element.multiInstance() != null
            && instance.type() != BpmnElementType.MULTI_INSTANCE_BODY)) {
      return null;
    }
    for (final String boundaryId : element.boundaryEventIds()) {
      if (context.process().element(boundaryId).eventDefinition()
          instanceof EventDefinition.Compensation compensation) {
        return compensation.handlerId();
      }
    }
    return null;
  }

  /** Instances that hold others: sub-processes and multi-instance bodies. */
  private static boolean isContainer(final ElementInstance instance) {
    return instance.type() == BpmnElementType.SUB_PROCESS
        || instance.type() == BpmnElementType.MULTI_INSTANCE_BODY;
  }

  private void append(final CompensationSubscription subscription, final String intent) {
    final Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("processInstanceKey", context.state().processInstance().key());
    if (subscription.state() == State.INVOKED) {
      payload.put("compensationHandlerId", subscription.elementId());
      payload.put("throwEventInstanceKey", subscription.scopeKey());
    } else {
      payload.put("compensableActivityId", subscription.elementId());
      payload.put("compensableActivityScopeKey", subscription.scopeKey());
      payload.put("compensationHandlerId", subscription.handlerId());
    }
    context
        .records()
        .append(subscription.key(), VALUE_TYPE, intent, subscription.elementId(), payload);
  }
}
