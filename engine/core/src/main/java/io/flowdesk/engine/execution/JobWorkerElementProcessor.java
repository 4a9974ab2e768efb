package io.flowdesk.engine.execution;

import io.flowdesk.engine.model.FlowElement;
import io.flowdesk.engine.state.ElementInstance;
import java.util.Map;

/**
 * Every element a job worker carries out, as Camunda 8.8 documents them: service tasks, send tasks,
 * message intermediate throw events and message end events (which "behave exactly like service
 * tasks"), and job-based script and business rule tasks. A job of the element's {@code
 * zeebe:taskDefinition} type, with its headers; the element goes on (an end event: ends) when the
 * job completes.
 */
final class JobWorkerElementProcessor implements BpmnElementProcessor {

  private final ExecutionContext context;

  JobWorkerElementProcessor(final ExecutionContext context) {
    this.context = context;
  }

  @Override
  public void activate(final ElementInstance instance, final FlowElement element) {
    context.subscriptions().open(instance, element);
    if (element.jobBased()) {
      createJob(instance, element);
    } else {
      context.transitions().markActivated(instance);
      context.transitions().completeWithResult(instance, Map.of());
    }
  }

  /** Creates the job and waits for it; the boundary events' subscriptions are already open. */
  void createJob(final ElementInstance instance, final FlowElement element) {
    context.jobs().createJob(instance, element, element.taskHeaders());
    context.transitions().markActivated(instance);
  }

  @Override
  public void complete(final ElementInstance instance, final FlowElement element) {
    context.transitions().leave(instance, element);
  }
}
