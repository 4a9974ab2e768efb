package io.flowdesk.engine.execution;

import io.flowdesk.engine.model.FlowElement;
import io.flowdesk.engine.state.ElementInstance;

/**
 * Boundary events: activated only once their event occurred (and an interrupting one terminated its
 * activity, see {@link EventTriggerBehavior#activateBoundaryEvent}), they complete at once with the
 * event's variables and go on along their own flows.
 */
final class BoundaryEventProcessor implements BpmnElementProcessor {

  private final ExecutionContext context;

  BoundaryEventProcessor(final ExecutionContext context) {
    this.context = context;
  }

  @Override
  public void activate(final ElementInstance instance, final FlowElement element) {
    context.triggers().completeOccurred(instance);
  }

  @Override
  public void complete(final ElementInstance instance, final FlowElement element) {
    context.transitions().leave(instance, element);
  }
}
