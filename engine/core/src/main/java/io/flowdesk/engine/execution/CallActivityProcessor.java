package io.flowdesk.engine.execution;

import io.flowdesk.engine.model.FlowElement;
import io.flowdesk.engine.model.ResourceBinding;
import io.flowdesk.engine.state.ElementInstance;
import io.flowdesk.engine.state.UserTaskRow;
import java.util.List;
import java.util.Map;

/**
 * Call activities: they start an instance of the process their binding chooses and complete when it
 * completes; terminated, they stay terminating until the instance they called has terminated.
 */
final class CallActivityProcessor implements BpmnElementProcessor {

  private final ExecutionContext context;

  CallActivityProcessor(final ExecutionContext context) {
    this.context = context;
  }

  @Override
  public void activate(final ElementInstance instance, final FlowElement element) {
    context.subscriptions().open(instance, element);
    final VariableBehavior variables = context.variables();
    final String processId =
        context
            .expressions()
            .evaluateString(
                element.calledElement().processId(), variables.lookupFrom(instance.key()));
    final ResourceBinding binding = element.calledElement().binding();
    final CalledProcesses.CalledProcess called =
        context
            .services()
            .processes()
            .find(processId, binding, context.calledResources().callerDeploymentKey())
            .orElseThrow(
                () ->
                    new Failure(
                            "CALLED_ELEMENT_ERROR",
                            binding.type() == ResourceBinding.Type.LATEST
                                ? "Expected process with BPMN process id '"
                                    + processId
                                    + "' to be deployed, but not found."
                                : "Expected to call process '"
                                    + processId
                                    + "'"
                                    + binding.describe()
                                    + ", but no such process is deployed.")
                        .raise());
    if (called.process().noneStartEvent().isEmpty()) {
      throw new Failure(
              "CALLED_ELEMENT_ERROR",
              "Expected process with BPMN process id '"
                  + processId
                  + "' to have a none start event, but not found.")
          .raise();
    }
    final Map<String, Object> childVars =
        element.calledElement().propagateAllParentVariables()
            ? variables.visibleFrom(instance.key())
            : variables.localFrom(instance.key());
    context.transitions().markActivated(instance);
    context.hierarchy().startChild(instance, called.processDefinitionKey(), childVars);
  }

  @Override
  public void complete(final ElementInstance instance, final FlowElement element) {
    context.transitions().leave(instance, element);
  }

  /** Zeebe: the call activity stays terminating until the instance it called has terminated. */
  @Override
  public boolean terminate(final ElementInstance instance, final FlowElement element) {
    final List<UserTaskRow> holdingChild = context.hierarchy().cancelChildOf(instance);
    context.termination().heldUpBy(holdingChild);
    return holdingChild.isEmpty();
  }
}
