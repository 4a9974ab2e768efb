package io.flowdesk.engine.execution;

import io.flowdesk.engine.model.Expression;
import io.flowdesk.engine.model.FlowElement;
import io.flowdesk.engine.state.ElementInstance;
import io.flowdesk.engine.state.InstanceState;
import io.flowdesk.engine.state.NewJob;
import io.flowdesk.engine.state.PendingRecord;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Creates the jobs of job-based elements, of ad-hoc sub-processes a job worker implements and of
 * execution listeners, with their type and retries evaluated in the element instance's scope.
 */
final class JobBehavior {

  private final InstanceState state;
  private final EngineServices services;
  private final VariableBehavior variables;
  private final ExpressionBehavior expressions;

  JobBehavior(
      final InstanceState state,
      final EngineServices services,
      final VariableBehavior variables,
      final ExpressionBehavior expressions) {
    this.state = state;
    this.services = services;
    this.variables = variables;
    this.expressions = expressions;
  }

  /** The job of a job-based element: its {@code zeebe:taskDefinition}'s type and retries. */
  void createJob(
      final ElementInstance instance,
      final FlowElement element,
      final Map<String, String> headers) {
    createJob(
        instance,
        element,
        element.taskDefinition().type(),
        element.taskDefinition().retries(),
        headers,
        null);
  }

  /**
   * The job of an ad-hoc sub-process implemented by a job worker (job kind {@code
   * AD_HOC_SUB_PROCESS}): its {@code zeebe:taskDefinition}'s type and retries, with its headers.
   */
  void createAdHocSubProcessJob(final ElementInstance instance, final FlowElement element) {
    createJob(
        instance,
        element,
        element.taskDefinition().type(),
        element.taskDefinition().retries(),
        element.taskHeaders(),
        NewJob.AD_HOC_SUB_PROCESS);
  }

  /**
   * Creates a job; {@code listenerEventType} names the execution listener phase of a listener's
   * job, null for the element's own job.
   */
  void createJob(
      final ElementInstance instance,
      final FlowElement element,
      final Expression typeExpression,
      final Expression retriesExpression,
      final Map<String, String> headers,
      final String listenerEventType) {
    final String type =
        expressions.evaluateString(typeExpression, variables.lookupFrom(instance.key()));
    if (type.isBlank()) {
      throw Failure.extractValue(
              "Expected result of the expression '"
                  + typeExpression.text()
                  + "' to be a non-empty job type, but was empty.")
          .raise();
    }
    final long retries =
        expressions.evaluateLong(retriesExpression, variables.lookupFrom(instance.key()));
    final long jobKey = services.keys().next();
    final NewJob job =
        new NewJob(
            jobKey,
            type,
            (int) retries,
            headers,
            state.processInstance().key(),
            instance.key(),
            element.id(),
            state.processInstance().bpmnProcessId(),
            state.processInstance().processDefinitionKey(),
            state.processInstance().version(),
            listenerEventType,
            null);
    state.addJob(job);
    final Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("type", type);
    if (NewJob.AD_HOC_SUB_PROCESS.equals(listenerEventType)) {
      payload.put("jobKind", NewJob.AD_HOC_SUB_PROCESS);
    } else if (listenerEventType != null) {
      payload.put("jobKind", "EXECUTION_LISTENER");
      payload.put("jobListenerEventType", listenerEventType);
    }
    payload.put("retries", retries);
    payload.put("elementInstanceKey", instance.key());
    payload.put("customHeaders", headers);
    state.append(
        new PendingRecord(
            jobKey, "JOB", "CREATED", state.processInstance().key(), element.id(), payload));
  }
}
