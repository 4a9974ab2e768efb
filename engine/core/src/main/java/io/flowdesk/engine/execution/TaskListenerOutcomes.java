package io.flowdesk.engine.execution;

import java.util.List;
import java.util.Map;

/** What a user task's element does when a transition its task listeners ran ends. */
final class TaskListenerOutcomes implements TaskListenerBehavior.Element {

  private final ExecutionContext context;

  TaskListenerOutcomes(final ExecutionContext context) {
    this.context = context;
  }

  @Override
  public void created(final long elementInstanceKey) {
    context
        .state()
        .elementInstance(elementInstanceKey)
        .ifPresent(context.transitions()::markActivated);
  }

  @Override
  public void completed(final long elementInstanceKey, final Map<String, Object> result) {
    context
        .state()
        .elementInstance(elementInstanceKey)
        .ifPresent(task -> context.transitions().completeWithResult(task, result));
  }

  @Override
  public void canceled(
      final long elementInstanceKey, final List<Map<String, Object>> continuations) {
    context.termination().heldTerminationEnded(elementInstanceKey, continuations);
  }

  @Override
  public void incident(final long elementInstanceKey, final Failure failure) {
    context
        .state()
        .elementInstance(elementInstanceKey)
        .ifPresent(
            task -> context.incidents().raise(task, failure, IncidentBehavior.TASK_LISTENER, null));
  }
}
