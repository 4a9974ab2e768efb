package io.flowdesk.engine.gateway;

import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.EvaluateDecisionRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.EvaluateDecisionResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.EvaluatedDecision;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.EvaluatedDecisionInput;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.EvaluatedDecisionOutput;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.MatchedDecisionRule;
import io.flowdesk.engine.decision.DecisionEvaluations;
import io.flowdesk.engine.decision.DeployedDecisions;
import io.flowdesk.engine.dmn.DecisionEvaluation;
import io.flowdesk.engine.dmn.EvaluatedDecisionDetail;
import io.flowdesk.engine.support.Json;
import io.flowdesk.engine.support.Tenants;

/** EvaluateDecision: the command's outcome in the shape of Zeebe's gRPC response. */
final class DecisionEvaluationResponses {

  private final DecisionEvaluations evaluations;

  DecisionEvaluationResponses(final DecisionEvaluations evaluations) {
    this.evaluations = evaluations;
  }

  EvaluateDecisionResponse evaluate(final EvaluateDecisionRequest request) {
    Tenants.requireDefault(request.getTenantId());
    final DecisionEvaluations.Outcome outcome =
        evaluations.evaluate(
            request.getDecisionKey(),
            request.getDecisionId(),
            Json.readDocument(request.getVariables(), "variables"));
    final DeployedDecisions.Decision decision = outcome.decision();
    final EvaluateDecisionResponse.Builder response =
        EvaluateDecisionResponse.newBuilder()
            .setDecisionKey(decision.key())
            .setDecisionId(decision.decisionId())
            .setDecisionName(decision.name() == null ? "" : decision.name())
            .setDecisionVersion(decision.version())
            .setDecisionRequirementsId(decision.decisionRequirementsId())
            .setDecisionRequirementsKey(decision.decisionRequirementsKey())
            .setDecisionInstanceKey(outcome.evaluationKey())
            .setDecisionEvaluationKey(outcome.evaluationKey())
            .setTenantId(Tenants.DEFAULT);
    final DecisionEvaluation result = outcome.result();
    for (int i = 0; i < result.evaluatedDecisions().size(); i++) {
      response.addEvaluatedDecisions(toProto(result.evaluatedDecisions().get(i), outcome, i + 1));
    }
    if (result instanceof DecisionEvaluation.Evaluated evaluated) {
      response.setDecisionOutput(Json.write(evaluated.output()));
    } else {
      final DecisionEvaluation.Failed failed = (DecisionEvaluation.Failed) result;
      response.setFailedDecisionId(failed.failedDecisionId()).setFailureMessage(failed.message());
    }
    return response.build();
  }

  private static EvaluatedDecision toProto(
      final EvaluatedDecisionDetail detail,
      final DecisionEvaluations.Outcome outcome,
      final int index) {
    final EvaluatedDecision.Builder builder =
        EvaluatedDecision.newBuilder()
            .setDecisionId(detail.decisionId())
            .setDecisionName(detail.decisionName() == null ? "" : detail.decisionName())
            .setDecisionType(detail.decisionType())
            .setDecisionOutput(Json.write(detail.output()))
            .setDecisionEvaluationInstanceKey(outcome.evaluationKey() + "-" + index)
            .setTenantId(Tenants.DEFAULT);
    final DeployedDecisions.Decision deployed = outcome.graph().get(detail.decisionId());
    if (deployed != null) {
      builder.setDecisionKey(deployed.key()).setDecisionVersion(deployed.version());
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
