package io.flowdesk.engine.execution;

import io.flowdesk.engine.model.FlowElement;
import io.flowdesk.engine.state.ElementInstance;

/**
 * Event-based gateways wait for the events after them; the first that occurs completes the gateway
 * and takes only its flow ({@link EventTriggerBehavior}), the others are withdrawn.
 */
final class EventBasedGatewayProcessor implements BpmnElementProcessor {

  private final ExecutionContext context;

  EventBasedGatewayProcessor(final ExecutionContext context) {
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
