package io.flowdesk.engine.execution;

import io.flowdesk.engine.model.FlowElement;
import io.flowdesk.engine.state.ElementInstance;

/** Receive tasks wait for their message; it completes them with its variables. */
final class ReceiveTaskProcessor implements BpmnElementProcessor {

  private final ExecutionContext context;

  ReceiveTaskProcessor(final ExecutionContext context) {
    this.context = context;
  }

  @Override
  public void activate(final ElementInstance instance, final FlowElement element) {
    context.subscriptions().open(instance, element);
    context.transitions().markActivated(instance);
  }

  @Override
  public void complete(final ElementInstance instance, final FlowElement element) {
    context.transitions().leave(instance, element);
  }
}
