package io.flowdesk.engine.execution;

import io.flowdesk.engine.model.ExecutionListener;
import io.flowdesk.engine.model.FlowElement;
import io.flowdesk.engine.state.ElementInstance;
import java.util.List;

/**
 * Runs an element's execution listeners (start before its own activation, end before it leaves) one
 * job after the other; the element instance counts the ones that completed.
 */
final class ExecutionListenerBehavior {

  private final JobBehavior jobs;

  ExecutionListenerBehavior(final JobBehavior jobs) {
    this.jobs = jobs;
  }

  /**
   * Creates the job of the next execution listener of a phase if one is still to run; answers
   * whether it did, so the element waits for it.
   */
  boolean pending(
      final ElementInstance instance,
      final FlowElement element,
      final ExecutionListener.EventType eventType) {
    final List<ExecutionListener> listeners = element.listeners(eventType);
    if (instance.listenerIndex() >= listeners.size()) {
      return false;
    }
    final ExecutionListener listener = listeners.get(instance.listenerIndex());
    jobs.createJob(
        instance,
        element,
        listener.type(),
        listener.retries(),
        element.taskHeaders(),
        eventType.name());
    return true;
  }
}
