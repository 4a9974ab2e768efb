package io.flowdesk.engine.dmn;

import java.util.ArrayList;
import java.util.List;
import org.camunda.dmn.Audit;
import org.camunda.dmn.parser.ParsedContext;
import org.camunda.dmn.parser.ParsedDecisionLogic;
import org.camunda.dmn.parser.ParsedDecisionTable;
import org.camunda.dmn.parser.ParsedDmn;
import org.camunda.dmn.parser.ParsedInvocation;
import org.camunda.dmn.parser.ParsedList;
import org.camunda.dmn.parser.ParsedLiteralExpression;
import org.camunda.dmn.parser.ParsedRelation;
import org.camunda.dmn.parser.ParsedRule;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Reads dmn-scala's audit log into the evaluated-decision details Zeebe reports. dmn-scala appends
 * one entry per evaluated decision, required decisions first, and on failure the failing decision
 * comes last.
 */
final class AuditLogDetails {

  private AuditLogDetails() {}

  /** The decisions of the log, leaving out entries for business knowledge models. */
  static List<EvaluatedDecisionDetail> of(final Audit.AuditLog auditLog) {
    if (auditLog == null) {
      return List.of();
    }
    final ParsedDmn dmn = auditLog.dmn();
    final List<EvaluatedDecisionDetail> details = new ArrayList<>();
    for (final Audit.AuditLogEntry entry : CollectionConverters.asJava(auditLog.entries())) {
      if (dmn == null || dmn.decisionsById().contains(entry.id())) {
        details.add(detail(entry));
      }
    }
    return details;
  }

  private static EvaluatedDecisionDetail detail(final Audit.AuditLogEntry entry) {
    final Audit.EvaluationResult result = entry.result();
    final Object output = result == null ? null : JsonLikeValues.toJava(result.result());
    if (result instanceof Audit.DecisionTableEvaluationResult table
        && entry.decisionLogic() instanceof ParsedDecisionTable parsedTable) {
      return new EvaluatedDecisionDetail(
          entry.id(),
          entry.name(),
          "DECISION_TABLE",
          output,
          inputs(table),
          matchedRules(table, parsedTable));
    }
    return new EvaluatedDecisionDetail(
        entry.id(), entry.name(), type(entry.decisionLogic()), output, List.of(), List.of());
  }

  private static List<EvaluatedInput> inputs(final Audit.DecisionTableEvaluationResult table) {
    return CollectionConverters.asJava(table.inputs()).stream()
        .map(
            input ->
                new EvaluatedInput(
                    input.input().id(), input.input().name(), JsonLikeValues.toJava(input.value())))
        .toList();
  }

  private static List<MatchedRule> matchedRules(
      final Audit.DecisionTableEvaluationResult table, final ParsedDecisionTable parsedTable) {
    final List<ParsedRule> rules = CollectionConverters.asJava(parsedTable.rules().toSeq());
    return CollectionConverters.asJava(table.matchedRules()).stream()
        .map(
            matched ->
                new MatchedRule(
                    matched.rule().id(),
                    rules.indexOf(matched.rule()) + 1,
                    CollectionConverters.asJava(matched.outputs()).stream()
                        .map(
                            output ->
                                new EvaluatedOutput(
                                    output.output().id(),
                                    output.output().name(),
                                    JsonLikeValues.toJava(output.value())))
                        .toList()))
        .toList();
  }

  /** Zeebe's names for decision logic; anything else is reported as {@code UNKNOWN}. */
  private static String type(final ParsedDecisionLogic logic) {
    if (logic instanceof ParsedDecisionTable) {
      return "DECISION_TABLE";
    }
    if (logic instanceof ParsedLiteralExpression) {
      return "LITERAL_EXPRESSION";
    }
    if (logic instanceof ParsedContext) {
      return "CONTEXT";
    }
    if (logic instanceof ParsedList) {
      return "LIST";
    }
    if (logic instanceof ParsedRelation) {
      return "RELATION";
    }
    if (logic instanceof ParsedInvocation) {
      return "INVOCATION";
    }
    return "UNKNOWN";
  }
}
