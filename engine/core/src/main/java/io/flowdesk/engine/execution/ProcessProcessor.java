package io.flowdesk.engine.execution;

import io.flowdesk.engine.model.FlowElement;
import io.flowdesk.engine.state.ElementInstance;
import io.flowdesk.engine.state.InstanceState;

/**
 * The process itself: it starts at its none start event (or at the timer, message or signal start
 * event that started it); its completion ends the instance and, for an instance a call activity
 * started, completes the call activity.
 */
final class ProcessProcessor implements BpmnElementProcessor {

  private final ExecutionContext context;

  /** Where an instance started by a timer, message or signal starts instead of the none start. */
  private String eventStartEventId;

  ProcessProcessor(final ExecutionContext context) {
    this.context = context;
  }

  /** The instance starts at this timer, message or signal start event. */
  void startAt(final String startEventId) {
    this.eventStartEventId = startEventId;
  }

  @Override
  public void activate(final ElementInstance instance, final FlowElement element) {
    context
        .transitions()
        .enterScope(
            instance,
            element,
            eventStartEventId != null ? eventStartEventId : element.startEventId());
  }

  @Override
  public void complete(final ElementInstance instance, final FlowElement element) {
    context.transitions().completed(instance, element);
    final InstanceState state = context.state();
    state.endProcessInstance("COMPLETED");
    if (state.processInstance().hasParent()) {
      context.hierarchy().completeParent(state.finalVariables());
    }
  }
}
