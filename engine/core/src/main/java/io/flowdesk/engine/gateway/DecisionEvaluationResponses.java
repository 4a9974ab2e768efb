package io.flowdesk.engine.gateway;

import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.EvaluateDecisionRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.EvaluateDecisionResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.EvaluatedDecision;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.EvaluatedDecisionInput;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.EvaluatedDecisionOutput;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.MatchedDecisionRule;
import io.flowdesk.engine.decision.DeployedDecisions;
import io.flowdesk.engine.dmn.DecisionEvaluation;
import io.flowdesk.engine.dmn.EvaluatedDecisionDetail;
import io.flowdesk.engine.support.Json;
import io.flowdesk.engine.support.Rejection;

/** EvaluateDecision: finds the decision by key or id and reports every decision it evaluated. */
final class DecisionEvaluationResponses {

  private final DeployedDecisions decisions;

  DecisionEvaluationResponses(final DeployedDecisions decisions) {
    this.decisions = decisions;
  }

  EvaluateDecisionResponse evaluate(final EvaluateDecisionRequest request) {
    final DeployedDecisions.Decision decision;
    if (request.getDecisionKey() > 0) {
      decision = decisions.byKey(request.getDecisionKey());
    } else if (!request.getDecisionId().isBlank()) {
      decision = decisions.latestOrReject(request.getDecisionId());
    } else {
      throw Rejection.invalidArgument(
          "Expected either a decision id or a valid decision key, but none provided");
    }
    final DeployedDecisions.Evaluation evaluation =
        decisions.evaluate(decision, Json.readDocument(request.getVariables(), "variables"));
    final EvaluateDecisionResponse.Builder response =
        EvaluateDecisionResponse.newBuilder()
            .setDecisionKey(decision.key())
            .setDecisionId(decision.decisionId())
            .setDecisionName(decision.name() == null ? "" : decision.name())
            .setDecisionVersion(decision.version())
            .setDecisionRequirementsId(decision.decisionRequirementsId())
            .setDecisionRequirementsKey(decision.decisionRequirementsKey())
            .setTenantId(ZeebeGatewayService.DEFAULT_TENANT);
    final DecisionEvaluation result = evaluation.result();
    result
        .evaluatedDecisions()
        .forEach(detail -> response.addEvaluatedDecisions(toProto(detail, decision)));
    if (result instanceof DecisionEvaluation.Evaluated evaluated) {
      response.setDecisionOutput(Json.write(evaluated.output()));
    } else {
      final DecisionEvaluation.Failed failed = (DecisionEvaluation.Failed) result;
      response.setFailedDecisionId(failed.failedDecisionId()).setFailureMessage(failed.message());
    }
    return response.build();
  }

  private static EvaluatedDecision toProto(
      final EvaluatedDecisionDetail detail, final DeployedDecisions.Decision called) {
    final EvaluatedDecision.Builder builder =
        EvaluatedDecision.newBuilder()
            .setDecisionId(detail.decisionId())
            .setDecisionName(detail.decisionName() == null ? "" : detail.decisionName())
            .setDecisionType(detail.decisionType())
            .setDecisionOutput(Json.write(detail.output()))
            .setTenantId(ZeebeGatewayService.DEFAULT_TENANT);
    if (detail.decisionId().equals(called.decisionId())) {
      builder.setDecisionKey(called.key()).setDecisionVersion(called.version());
    }
    detail
        .inputs()
        .forEach(
            input ->
                builder.addEvaluatedInputs(
                    EvaluatedDecisionInput.newBuilder()
                        .setInputId(input.inputId())
                        .setInputName(input.inputName() == null ? "" : input.inputName())
                        .setInputValue(Json.write(input.inputValue()))));
    detail
        .matchedRules()
        .forEach(
            rule -> {
              final MatchedDecisionRule.Builder matched =
                  MatchedDecisionRule.newBuilder()
                      .setRuleId(rule.ruleId())
                      .setRuleIndex(rule.ruleIndex());
              rule.outputs()
                  .forEach(
                      output ->
                          matched.addEvaluatedOutputs(
                              EvaluatedDecisionOutput.newBuilder()
                                  .setOutputId(output.outputId())
                                  .setOutputName(
                                      output.outputName() == null ? "" : output.outputName())
                                  .setOutputValue(Json.write(output.outputValue()))));
              builder.addMatchedRules(matched);
            });
    return builder.build();
  }
}
