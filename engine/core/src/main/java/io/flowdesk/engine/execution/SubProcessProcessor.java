package io.flowdesk.engine.execution;

import io.flowdesk.engine.model.FlowElement;
import io.flowdesk.engine.state.ElementInstance;

/**
 * Embedded and event sub-processes: they start at their start event (an event sub-process at the
 * event that triggered it, which brings the event's variables) and complete once nothing is left in
 * them.
 */
final class SubProcessProcessor implements BpmnElementProcessor {

  private final ExecutionContext context;

  SubProcessProcessor(final ExecutionContext context) {
    this.context = context;
  }

  @Override
  public void activate(final ElementInstance instance, final FlowElement element) {
    context.transitions().enterScope(instance, element, element.startEventId());
  }

  @Override
  public void complete(final ElementInstance instance, final FlowElement element) {
    context.transitions().leave(instance, element);
  }
}
