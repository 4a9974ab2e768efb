package io.flowdesk.engine.rest;

import io.flowdesk.engine.command.CommandCore;
import io.flowdesk.engine.decision.DecisionEvaluations;
import io.flowdesk.engine.decision.DeployedDecisions;
import io.flowdesk.engine.dmn.DecisionEvaluation;
import io.flowdesk.engine.dmn.EvaluatedDecisionDetail;
import io.flowdesk.engine.support.Json;
import io.flowdesk.engine.support.Tenants;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code POST /v2/decision-definitions/evaluation}: the EvaluateDecision command over REST. */
final class DecisionEndpoints {

  private final CommandCore core;

  DecisionEndpoints(final CommandCore core) {
    this.core = core;
  }

  void register(final Router router) {
    router.add("POST", "/decision-definitions/evaluation", this::evaluate);
  }

  private void evaluate(final Exchange exchange) {
    final JsonBody body = exchange.json();
    Tenants.requireDefault(body.text("tenantId"));
    final DecisionEvaluations.Outcome outcome =
        core.decisions()
            .evaluate(
                body.key("decisionDefinitionKey"),
                body.text("decisionDefinitionId"),
                body.document("variables"));
    final DeployedDecisions.Decision decision = outcome.decision();
    final Map<String, Object> response = new LinkedHashMap<>();
    response.put("decisionDefinitionId", decision.decisionId());
    response.put("decisionDefinitionName", decision.name());
    response.put("decisionDefinitionVersion", decision.version());
    response.put("decisionRequirementsId", decision.decisionRequirementsId());
    response.put("decisionDefinitionKey", Keys.format(decision.key()));
    response.put("decisionRequirementsKey", Keys.format(decision.decisionRequirementsKey()));
    response.put("decisionInstanceKey", Keys.format(outcome.evaluationKey()));
    response.put("decisionEvaluationKey", Keys.format(outcome.evaluationKey()));
    response.put("tenantId", Tenants.DEFAULT);
    final DecisionEvaluation result = outcome.result();
    if (result instanceof DecisionEvaluation.Evaluated evaluated) {
      response.put("output", Json.write(evaluated.output()));
      response.put("failedDecisionDefinitionId", null);
      response.put("failureMessage", null);
    } else {
      final DecisionEvaluation.Failed failed = (DecisionEvaluation.Failed) result;
      response.put("output", null);
      response.put("failedDecisionDefinitionId", failed.failedDecisionId());
      response.put("failureMessage", failed.message());
    }
    final List<Map<String, Object>> evaluated = new ArrayList<>();
    for (int i = 0; i < result.evaluatedDecisions().size(); i++) {
      evaluated.add(evaluated(result.evaluatedDecisions().get(i), outcome, i + 1));
    }
    response.put("evaluatedDecisions", evaluated);
    exchange.json(200, response);
  }

  private static Map<String, Object> evaluated(
      final EvaluatedDecisionDetail detail,
      final DecisionEvaluations.Outcome outcome,
      final int index) {
    final DeployedDecisions.Decision deployed = outcome.graph().get(detail.decisionId());
    final Map<String, Object> item = new LinkedHashMap<>();
    item.put("decisionDefinitionId", detail.decisionId());
    item.put("decisionDefinitionName", detail.decisionName());
    item.put("decisionDefinitionVersion", deployed == null ? null : deployed.version());
    item.put("decisionDefinitionType", detail.decisionType());
    item.put("output", Json.write(detail.output()));
    item.put("tenantId", Tenants.DEFAULT);
    final List<Map<String, Object>> rules = new ArrayList<>();
    detail
        .matchedRules()
        .forEach(
            rule -> {
              final List<Map<String, Object>> outputs = new ArrayList<>();
              rule.outputs()
                  .forEach(
                      output -> {
                        final Map<String, Object> value = new LinkedHashMap<>();
                        value.put("outputId", output.outputId());
                        value.put("outputName", output.outputName());
                        value.put("outputValue", Json.write(output.outputValue()));
                        outputs.add(value);
                      });
              final Map<String, Object> matched = new LinkedHashMap<>();
              matched.put("ruleId", rule.ruleId());
              matched.put("ruleIndex", rule.ruleIndex());
              matched.put("evaluatedOutputs", outputs);
              rules.add(matched);
            });
    item.put("matchedRules", rules);
    final List<Map<String, Object>> inputs = new ArrayList<>();
    detail
        .inputs()
        .forEach(
            input -> {
              final Map<String, Object> value = new LinkedHashMap<>();
              value.put("inputId", input.inputId());
              value.put("inputName", input.inputName());
              value.put("inputValue", Json.write(input.inputValue()));
              inputs.add(value);
            });
    item.put("evaluatedInputs", inputs);
    item.put("decisionDefinitionKey", deployed == null ? "0" : Keys.format(deployed.key()));
    item.put("decisionEvaluationInstanceKey", outcome.evaluationKey() + "-" + index);
    return item;
  }
}
