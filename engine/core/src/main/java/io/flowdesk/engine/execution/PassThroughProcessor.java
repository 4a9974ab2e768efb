package io.flowdesk.engine.execution;

import io.flowdesk.engine.model.FlowElement;
import io.flowdesk.engine.state.ElementInstance;

/**
 * Elements with no behaviour of their own, which complete as soon as they are activated: manual
 * tasks, undefined tasks, and parallel gateways (a joining one is activated only once its tokens
 * arrived, see {@link ElementTransitions#takeFlow}).
 */
final class PassThroughProcessor implements BpmnElementProcessor {

  private final ExecutionContext context;

  PassThroughProcessor(final ExecutionContext context) {
    this.context = context;
  }

  @Override
  public void activate(final ElementInstance instance, final FlowElement element) {
    context.transitions().markActivated(instance);
    context.transitions().completeNow(instance);
  }

  @Override
  public void complete(final ElementInstance instance, final FlowElement element) {
    context.transitions().leave(instance, element);
  }
}
