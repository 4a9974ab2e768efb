package io.flowdesk.engine.execution;

import io.flowdesk.engine.model.BpmnEventType;
import io.flowdesk.engine.model.EventDefinition;
import io.flowdesk.engine.model.FlowElement;
import io.flowdesk.engine.state.ElementInstance;

/**
 * End events: none, error (thrown on activation; uncaught it leaves the end event ACTIVATING with
 * an incident), signal, escalation, and terminate (everything else in its scope ends first). The
 * token ends here; the scope completes once nothing is left in it.
 */
final class EndEventProcessor implements BpmnElementProcessor {

  private final ExecutionContext context;

  EndEventProcessor(final ExecutionContext context) {
    this.context = context;
  }

  @Override
  public void activate(final ElementInstance instance, final FlowElement element) {
    final EventDefinition definition = element.eventDefinition();
    if (definition instanceof EventDefinition.BpmnError error) {
      context.throwing().throwError(instance, error);
      return;
    }
    context.transitions().markActivated(instance);
    if (definition instanceof EventDefinition.Signal signal) {
      context.throwing().broadcast(instance, signal);
    } else if (definition instanceof EventDefinition.Escalation escalation) {
      context.throwing().throwEscalation(instance, escalation);
      if (context.state().elementInstance(instance.key()).isEmpty()) {
        return;
      }
    }
    if (element.eventType() == BpmnEventType.TERMINATE
        && !context.termination().terminateScopeOf(instance)) {
      return;
    }
    context.transitions().completeNow(instance);
  }

  @Override
  public void complete(final ElementInstance instance, final FlowElement element) {
    context.transitions().leave(instance, element);
  }
}
