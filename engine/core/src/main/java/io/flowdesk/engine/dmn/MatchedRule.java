package io.flowdesk.engine.dmn;

import java.util.List;

/**
 * A decision table rule that matched.
 *
 * @param ruleId the rule id
 * @param ruleIndex the rule's position in the table, starting at 1 as Zeebe counts
 * @param outputs the rule's output entries, evaluated
 */
public record MatchedRule(String ruleId, int ruleIndex, List<EvaluatedOutput> outputs) {

  public MatchedRule {
    outputs = List.copyOf(outputs);
  }
}
