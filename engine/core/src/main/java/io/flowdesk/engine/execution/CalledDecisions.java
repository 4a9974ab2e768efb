package io.flowdesk.engine.execution;

import io.flowdesk.engine.dmn.DecisionEvaluation;
import io.flowdesk.engine.model.ResourceBinding;
import java.util.Map;
import java.util.Optional;

/** Evaluates the version of a decision a business rule task's binding chooses. */
@FunctionalInterface
public interface CalledDecisions {

  /**
   * Evaluates the bound version of {@code decisionId}; empty when no such version is deployed.
   *
   * @param callerDeploymentKey the deployment of the calling process's version
   */
  Optional<DecisionEvaluation> evaluate(
      String decisionId,
      ResourceBinding binding,
      long callerDeploymentKey,
      Map<String, Object> variables);
}
