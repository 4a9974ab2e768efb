package io.flowdesk.engine.dmn;

import java.util.List;

/**
 * One decision that was evaluated (the called one or one of its required decisions), as Zeebe's
 * {@code EvaluateDecision} response and decision evaluation records list them.
 *
 * @param decisionId the decision id
 * @param decisionName the decision name, null when the DMN gives none
 * @param decisionType {@code DECISION_TABLE}, {@code LITERAL_EXPRESSION}, {@code CONTEXT}, {@code
 *     LIST}, {@code RELATION}, {@code INVOCATION} or {@code UNKNOWN}
 * @param output JSON-like output of the decision
 * @param inputs the evaluated inputs of a decision table, empty for other decision types
 * @param matchedRules the rules a decision table matched, empty for other decision types
 */
public record EvaluatedDecisionDetail(
    String decisionId,
    String decisionName,
    String decisionType,
    Object output,
    List<EvaluatedInput> inputs,
    List<MatchedRule> matchedRules) {

  public EvaluatedDecisionDetail {
    inputs = List.copyOf(inputs);
    matchedRules = List.copyOf(matchedRules);
  }
}
