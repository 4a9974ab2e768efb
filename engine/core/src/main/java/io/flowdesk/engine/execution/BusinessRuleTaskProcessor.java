package io.flowdesk.engine.execution;

import io.flowdesk.engine.dmn.DecisionEvaluation;
import io.flowdesk.engine.model.FlowElement;
import io.flowdesk.engine.model.ResourceBinding;
import io.flowdesk.engine.state.ElementInstance;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Business rule tasks: the {@code zeebe:calledDecision} (of the version its binding chooses) is
 * evaluated on activation and its output becomes the result variable; or, with a task definition, a
 * job as for a service task.
 */
final class BusinessRuleTaskProcessor implements BpmnElementProcessor {

  private final ExecutionContext context;
  private final JobWorkerElementProcessor jobWorker;

  BusinessRuleTaskProcessor(final ExecutionContext context) {
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
    if (element.calledDecision() != null) {
      result.put(element.calledDecision().resultVariable(), evaluateDecision(instance, element));
    }
    context.transitions().markActivated(instance);
    context.transitions().completeWithResult(instance, result);
  }

  @Override
  public void complete(final ElementInstance instance, final FlowElement element) {
    context.transitions().leave(instance, element);
  }

  private Object evaluateDecision(final ElementInstance instance, final FlowElement element) {
    final VariableBehavior variables = context.variables();
    final String decisionId =
        context
            .expressions()
            .evaluateString(
                element.calledDecision().decisionId(), variables.lookupFrom(instance.key()));
    final ResourceBinding binding = element.calledDecision().binding();
    final DecisionEvaluation evaluation =
        context
            .services()
            .decisions()
            .evaluate(
                decisionId,
                binding,
                context.calledResources().callerDeploymentKey(),
                variables.visibleFrom(instance.key()))
            .orElseThrow(
                () ->
                    new Failure(
                            "CALLED_DECISION_ERROR",
                            binding.type() == ResourceBinding.Type.LATEST
                                ? "Expected to evaluate decision '"
                                    + decisionId
                                    + "', but no decision found for id '"
                                    + decisionId
                                    + "'"
                                : "Expected to evaluate decision '"
                                    + decisionId
                                    + "'"
                                    + binding.describe()
                                    + ", but no such decision is deployed")
                        .raise());
    if (evaluation instanceof DecisionEvaluation.Evaluated evaluated) {
      return evaluated.output();
    }
    final DecisionEvaluation.Failed failed = (DecisionEvaluation.Failed) evaluation;
    throw Failure.decision(failed.message()).raise();
  }
}
