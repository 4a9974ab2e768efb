package io.flowdesk.engine.execution;

import io.flowdesk.engine.model.EventDefinition;
import io.flowdesk.engine.model.FlowElement;
import io.flowdesk.engine.state.ElementInstance;

/**
 * Intermediate throw events: none (passes through), signal (broadcast after the command),
 * escalation (to the innermost catcher; the thrower goes on unless that interrupted its scope), and
 * link (the token jumps to the catch event of the same name in the same scope).
 */
final class IntermediateThrowEventProcessor implements BpmnElementProcessor {

  private final ExecutionContext context;

  IntermediateThrowEventProcessor(final ExecutionContext context) {
    this.context = context;
  }

  @Override
  public void activate(final ElementInstance instance, final FlowElement element) {
    context.transitions().markActivated(instance);
    final EventDefinition definition = element.eventDefinition();
    if (definition instanceof EventDefinition.Signal signal) {
      context.throwing().broadcast(instance, signal);
    } else if (definition instanceof EventDefinition.Escalation escalation) {
      context.throwing().throwEscalation(instance, escalation);
      if (context.state().elementInstance(instance.key()).isEmpty()) {
        return; // an interrupting catch terminated the scope the throw event was in
      }
    }
    context.transitions().completeNow(instance);
  }

  @Override
  public void complete(final ElementInstance instance, final FlowElement element) {
    if (element.eventDefinition() instanceof EventDefinition.Link link) {
      // The jump target exists before the throw event ends, so the scope does not end between.
      context
          .transitions()
          .createAndSchedule(
              context.process().linkTarget(element.flowScopeId(), link.name()),
              instance.flowScopeKey());
    }
    context.transitions().leave(instance, element);
  }
}
