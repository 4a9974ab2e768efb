package io.flowdesk.engine.execution;

import io.flowdesk.engine.model.FlowElement;
import io.flowdesk.engine.state.ElementInstance;

/**
 * Start events, of processes, sub-processes and event sub-processes: activated because their scope
 * started, they complete at once with the variables of the event that started it, if any.
 */
final class StartEventProcessor implements BpmnElementProcessor {

  private final ExecutionContext context;

  StartEventProcessor(final ExecutionContext context) {
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
