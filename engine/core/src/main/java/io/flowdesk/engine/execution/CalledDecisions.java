package io.flowdesk.engine.execution;

import io.flowdesk.engine.dmn.DecisionEvaluation;
import java.util.Map;

/** Evaluates the latest deployed version of a decision, for business rule tasks. */
@FunctionalInterface
public interface CalledDecisions {

  DecisionEvaluation evaluateLatest(String decisionId, Map<String, Object> variables);
}
