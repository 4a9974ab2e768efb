package io.flowdesk.engine.dmn;

import io.flowdesk.engine.feel.FeelBounds;
import io.flowdesk.engine.feel.FeelLimitExceeded;
import io.flowdesk.engine.feel.FeelLimits;
import java.io.ByteArrayInputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.Definitions;
import org.camunda.bpm.model.dmn.instance.ExtensionElements;
import org.camunda.bpm.model.xml.instance.DomElement;
import org.camunda.dmn.Audit;
import org.camunda.dmn.DmnEngine;
import org.camunda.dmn.parser.ParsedDmn;
import scala.util.Either;

/**
 * Parses and evaluates DMN decisions with dmn-scala, the engine Zeebe itself uses, so decision
 * tables behave as they do on Camunda 8. Bad input never throws: it comes back as {@link
 * DmnParseResult.Invalid} or {@link DecisionEvaluation.Failed}.
 *
 * <p>Evaluation details come from the audit log dmn-scala returns with every result and failure
 * rather than from an {@code AuditLogListener}: the returned log belongs to its own evaluation, so
 * concurrent evaluations on the shared engine need no thread-local bookkeeping.
 *
 * <p>Each evaluation of a decision, with its required decisions, is bounded by {@link FeelLimits}
 * as a whole: its FEEL expressions together may take the timeout.
 */
public final class DmnDecisions {

  private static final String ZEEBE_NAMESPACE = "http://camunda.org/schema/zeebe/1.0";

  /** One engine for all evaluations: it keeps no per-evaluation state and is costly to build. */
  private final DmnEngine engine = new DmnEngine.Builder().build();

  private final FeelBounds bounds;

  /** With the default {@link FeelLimits}. */
  public DmnDecisions() {
    this(FeelLimits.DEFAULT);
  }

  public DmnDecisions(final FeelLimits limits) {
    this.bounds = new FeelBounds(limits);
    bounds.install(engine.feelEngine());
  }

  /** Parses a {@code .dmn} resource; never throws for bad input. */
  public DmnParseResult parse(final String resourceName, final byte[] xml) {
    if (xml == null || xml.length == 0) {
      return new DmnParseResult.Invalid("DMN resource '" + resourceName + "' is empty");
    }
    final Optional<String> refusal = DmnXmlGuard.check(resourceName, xml);
    if (refusal.isPresent()) {
      return new DmnParseResult.Invalid(refusal.get());
    }
    try {
      final Either<DmnEngine.Failure, ParsedDmn> parsed =
          engine.parse(new ByteArrayInputStream(xml));
      return parsed.fold(
          failure -> invalid(resourceName, failure.message()),
          dmn -> new DmnParseResult.Valid(drg(dmn)));
    } catch (RuntimeException e) {
      // The DMN model API throws for documents that are XML but do not fit the DMN schema.
      return invalid(resourceName, e.getMessage());
    }
  }

  /**
   * Evaluates the decision {@code decisionId} of a parsed DRG with JSON-like variables; never
   * throws for bad input.
   */
  public DecisionEvaluation evaluate(
      final ParsedDrg drg, final String decisionId, final Map<String, Object> variables) {
    if (drg == null
        || decisionId == null
        || !drg.parsedDmn().decisionsById().contains(decisionId)) {
      return failed(decisionId, "no decision found for '" + decisionId + "'", null);
    }
    // dmn-scala reads the map as FEEL variables; a copy keeps callers' maps out of evaluation.
    final Map<String, Object> context = variables == null ? Map.of() : new HashMap<>(variables);
    try {
      return bounds.enforce(
          () ->
              engine
                  .eval(drg.parsedDmn(), decisionId, context)
                  .fold(
                      failure ->
                          failed(decisionId, failure.failure().message(), failure.auditLog()),
                      result ->
                          new DecisionEvaluation.Evaluated(
                              JsonLikeValues.toJava(result.value()),
                              AuditLogDetails.of(result.auditLog()))));
    } catch (FeelLimitExceeded e) {
      return new DecisionEvaluation.Failed(
          decisionId,
          "Expected to evaluate decision '" + decisionId + "', but " + e.getMessage(),
          List.of(),
          true);
    } catch (RuntimeException e) {
      return failed(decisionId, String.valueOf(e.getMessage()), null);
    }
  }

  private static DmnParseResult invalid(final String resourceName, final String problem) {
    return new DmnParseResult.Invalid(
        "DMN resource '" + resourceName + "' is not a valid DMN model: " + problem);
  }

  /**
   * Zeebe's wording: the message names the called decision, while the failed decision is the one
   * the audit log ends with, which may be one of its required decisions.
   */
  private static DecisionEvaluation.Failed failed(
      final String decisionId, final String reason, final Audit.AuditLog auditLog) {
    final List<EvaluatedDecisionDetail> evaluated = AuditLogDetails.of(auditLog);
    final String failedDecisionId =
        evaluated.isEmpty() ? decisionId : evaluated.get(evaluated.size() - 1).decisionId();
    return new DecisionEvaluation.Failed(
        failedDecisionId,
        "Expected to evaluate decision '" + decisionId + "', but " + reason,
        evaluated);
  }

  private static ParsedDrg drg(final ParsedDmn dmn) {
    final DmnModelInstance model = dmn.model();
    final Definitions definitions = model.getDefinitions();
    // The model lists decisions in document order; dmn-scala's parsed collection does not.
    final List<DecisionInfo> decisions =
        model.getModelElementsByType(Decision.class).stream()
            .map(
                decision ->
                    new DecisionInfo(decision.getId(), decision.getName(), versionTag(decision)))
            .toList();
    return new ParsedDrg(definitions.getId(), definitions.getName(), decisions, dmn);
  }

  /**
   * Camunda 8 Modeler keeps a decision's version tag as {@code <zeebe:versionTag value="..."/>} in
   * the decision's extension elements; the DMN model API knows no Zeebe types, so the DOM is read.
   */
  private static String versionTag(final Decision decision) {
    final ExtensionElements extensions = decision.getExtensionElements();
    if (extensions == null) {
      return null;
    }
    for (final DomElement element : extensions.getDomElement().getChildElements()) {
      if (ZEEBE_NAMESPACE.equals(element.getNamespaceURI())
          && "versionTag".equals(element.getLocalName())) {
        final String value = element.getAttribute("value");
        return value == null || value.isBlank() ? null : value;
      }
    }
    return null;
  }
}
