package io.flowdesk.engine.dmn;

import java.util.List;

/** Outcome of evaluating one decision, shaped like Zeebe's {@code EvaluateDecision} response. */
public sealed interface DecisionEvaluation {

  /** Every decision evaluated, in evaluation order (required decisions first). */
  List<EvaluatedDecisionDetail> evaluatedDecisions();

  /**
   * The called decision produced an output.
   *
   * @param output JSON-like result of the called decision; null when a table matched no rule
   * @param evaluatedDecisions the required decisions and then the called one
   */
  record Evaluated(Object output, List<EvaluatedDecisionDetail> evaluatedDecisions)
      implements DecisionEvaluation {
    public Evaluated {
      evaluatedDecisions = List.copyOf(evaluatedDecisions);
    }
  }

  /**
   * Evaluation stopped at {@code failedDecisionId}, which may be a required decision of the called
   * one.
   *
   * @param failedDecisionId the decision whose evaluation failed
   * @param message why, naming the called decision
   * @param evaluatedDecisions the decisions evaluated up to and including the failed one
   * @param limitExceeded whether it failed because it ran past the FEEL bounds ({@code
   *     flowdesk.engine.feel.*}) rather than on its input or its logic
   */
  record Failed(
      String failedDecisionId,
      String message,
      List<EvaluatedDecisionDetail> evaluatedDecisions,
      boolean limitExceeded)
      implements DecisionEvaluation {
    public Failed {
      evaluatedDecisions = List.copyOf(evaluatedDecisions);
    }

    public Failed(
        final String failedDecisionId,
        final String message,
        final List<EvaluatedDecisionDetail> evaluatedDecisions) {
      this(failedDecisionId, message, evaluatedDecisions, false);
    }
  }
}
