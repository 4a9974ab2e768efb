package io.flowdesk.engine.execution;

import io.flowdesk.engine.model.EventDefinition;
import io.flowdesk.engine.model.FlowElement;
import io.flowdesk.engine.state.ElementInstance;
import java.util.Map;

/**
 * Intermediate catch events wait for their timer, message or signal. One an event-based gateway
 * chose (its event already occurred) and a link catch event (reached by its throw event) complete
 * at once.
 */
final class IntermediateCatchEventProcessor implements BpmnElementProcessor {

  private final ExecutionContext context;

  IntermediateCatchEventProcessor(final ExecutionContext context) {
    this.context = context;
  }

  @Override
  public void activate(final ElementInstance instance, final FlowElement element) {
    final Map<String, Object> triggered = context.eventVariables().take(instance.key());
    if (triggered != null || element.eventDefinition() instanceof EventDefinition.Link) {
      context.transitions().markActivated(instance);
      context.transitions().completeWithResult(instance, triggered == null ? Map.of() : triggered);
      return;
    }
    context.subscriptions().open(instance, element);
    context.transitions().markActivated(instance);
  }

  @Override
  public void complete(final ElementInstance instance, final FlowElement element) {
    context.transitions().leave(instance, element);
  }
}
