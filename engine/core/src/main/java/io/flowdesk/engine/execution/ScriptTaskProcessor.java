package io.flowdesk.engine.execution;

import io.flowdesk.engine.model.FlowElement;
import io.flowdesk.engine.state.ElementInstance;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Script tasks: a FEEL {@code zeebe:script} whose value becomes the result variable, evaluated on
 * activation; or, with a task definition, a job as for a service task.
 */
final class ScriptTaskProcessor implements BpmnElementProcessor {

  private final ExecutionContext context;
  private final JobWorkerElementProcessor jobWorker;

  ScriptTaskProcessor(final ExecutionContext context) {
    this.context = context;
    this.jobWorker = new JobWorkerElementProcessor(context);
  }

  @Override
  public void activate(final ElementInstance instance, final FlowElement element) {
    context.subscriptions().open(instance, element);
    if (element.jobBased()) {
      jobWorker.createJob(instance, element);
      return;
    }
    final Map<String, Object> result = new LinkedHashMap<>();
    if (element.script() != null) {
      final Object value =
          context
              .expressions()
              .evaluate(
                  element.script().expression(),
                  context.variables().lookupFrom(instance.key()),
                  "EXTRACT_VALUE_ERROR");
      result.put(element.script().resultVariable(), value);
    }
    context.transitions().markActivated(instance);
    context.transitions().completeWithResult(instance, result);
  }

  @Override
  public void complete(final ElementInstance instance, final FlowElement element) {
    context.transitions().leave(instance, element);
  }
}
