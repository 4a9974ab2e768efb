package io.flowdesk.engine.decision;

import io.flowdesk.engine.dmn.DecisionEvaluation;
import io.flowdesk.engine.support.Keys;
import io.flowdesk.engine.support.Rejection;
import java.util.Map;

/**
 * The EvaluateDecision command, whichever gateway it comes through: finds the decision by key or by
 * id (latest version), evaluates it, and names every decision it evaluated with its deployed key
 * and version. A decision that fails on its input or logic is answered as Zeebe answers it, with
 * the failure in the response; one that ran past the FEEL bounds is refused (INVALID_ARGUMENT),
 * because its caller sent an input the engine will not evaluate.
 */
public final class DecisionEvaluations {

  private final DeployedDecisions decisions;
  private final Keys keys;

  public DecisionEvaluations(final DeployedDecisions decisions, final Keys keys) {
    this.decisions = decisions;
    this.keys = keys;
  }

  /**
   * An evaluation and what the responses name.
   *
   * @param evaluationKey a fresh key for this evaluation, as Zeebe's decision instance key
   * @param decision the called decision
   * @param result what the evaluation produced
   * @param graph the deployed decisions of the called decision's graph, by decision id
   */
  public record Outcome(
      long evaluationKey,
      DeployedDecisions.Decision decision,
      DecisionEvaluation result,
      Map<String, DeployedDecisions.Decision> graph) {}

  /**
   * Evaluates the decision with {@code decisionKey} (when positive) or the latest version of {@code
   * decisionId}.
   */
  public Outcome evaluate(
      final long decisionKey, final String decisionId, final Map<String, Object> variables) {
    final DeployedDecisions.Decision decision;
    if (decisionKey > 0) {
      decision = decisions.byKey(decisionKey);
    } else if (decisionId != null && !decisionId.isBlank()) {
      decision = decisions.latestOrReject(decisionId);
    } else {
      throw Rejection.invalidArgument(
          "Expected either a decision id or a valid decision key, but none provided");
    }
    final DeployedDecisions.Evaluation evaluation = decisions.evaluate(decision, variables);
    if (evaluation.result() instanceof DecisionEvaluation.Failed failed && failed.limitExceeded()) {
      throw Rejection.invalidArgument(failed.message());
    }
    return new Outcome(
        keys.next(),
        decision,
        evaluation.result(),
        decisions.ofGraph(decision.decisionRequirementsKey()));
  }
}
