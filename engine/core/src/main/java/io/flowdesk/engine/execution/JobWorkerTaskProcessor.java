package io.flowdesk.engine.execution;

import io.flowdesk.engine.model.FlowElement;
import io.flowdesk.engine.state.ElementInstance;
import java.util.Map;

/**
 * Service and send tasks, and every task a job worker carries out: a job of the element's {@code
 * zeebe:taskDefinition} type, with its headers; the task completes when the job does.
 */
final class JobWorkerTaskProcessor implements BpmnElementProcessor {

  private final ExecutionContext context;

  JobWorkerTaskProcessor(final ExecutionContext context) {
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
