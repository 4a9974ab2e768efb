package io.flowdesk.engine.execution;

import io.flowdesk.engine.model.EventDefinition;
import io.flowdesk.engine.model.FlowElement;
import io.flowdesk.engine.state.ElementInstance;

/**
 * Compensation intermediate throw events and compensation end events: they invoke the handlers
 * {@link CompensationBehavior} finds and stay active until those completed; with nothing to
 * compensate they go on at once. The throw event then takes its outgoing flows; the end event ends
 * its token.
 */
final class CompensationThrowEventProcessor implements BpmnElementProcessor {

  private final ExecutionContext context;

  CompensationThrowEventProcessor(final ExecutionContext context) {
    this.context = context;
  }

  @Override
  public void activate(final ElementInstance instance, final FlowElement element) {
    context.transitions().markActivated(instance);
    final EventDefinition.Compensation compensation =
        (EventDefinition.Compensation) element.eventDefinition();
    if (!context.compensation().trigger(instance, compensation)) {
      context.transitions().completeNow(instance);
    }
  }

  @Override
  public void complete(final ElementInstance instance, final FlowElement element) {
    context.transitions().leave(instance, element);
  }
}
