package io.flowdesk.engine.dmn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DmnDecisionsTest {

  private static final String DMN_NS = "https://www.omg.org/spec/DMN/20191111/MODEL/";

  private final DmnDecisions decisions = new DmnDecisions();

  @Test
  void parseListsEveryDecisionOfTheDrgInDocumentOrder() {
    final ParsedDrg drg = priorityDrg();

    assertThat(drg.id()).isEqualTo("incident-triage");
    assertThat(drg.name()).isEqualTo("Incident triage");
    assertThat(drg.decisions())
        .containsExactly(
            new DecisionInfo("priority", "Priority", null),
            new DecisionInfo("assignmentGroup", "Assignment group", null));
  }

  @Test
  void parseReadsTheZeebeVersionTagOfEachDecision() {
    final String dmn =
        """
        <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/"
            xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" name="D" namespace="n">
          <decision id="tagged" name="Tagged">
            <extensionElements><zeebe:versionTag value="v1.2" /></extensionElements>
            <literalExpression id="e1"><text>1</text></literalExpression>
          </decision>
          <decision id="untagged" name="Untagged">
            <literalExpression id="e2"><text>2</text></literalExpression>
          </decision>
        </definitions>
        """;

    assertThat(valid(decisions.parse("tags.dmn", bytes(dmn))).decisions())
        .containsExactly(
            new DecisionInfo("tagged", "Tagged", "v1.2"),
            new DecisionInfo("untagged", "Untagged", null));
  }

  @Test
  void highImpactAndHighUrgencyIsP1WithInputsMatchedRuleAndOutputs() {
    final DecisionEvaluation evaluation =
        decisions.evaluate(priorityDrg(), "priority", Map.of("impact", "high", "urgency", "high"));

    assertThat(evaluation).isInstanceOf(DecisionEvaluation.Evaluated.class);
    assertThat(((DecisionEvaluation.Evaluated) evaluation).output()).isEqualTo("P1");
    assertThat(evaluation.evaluatedDecisions())
        .containsExactly(
            new EvaluatedDecisionDetail(
                "priority",
                "Priority",
                "DECISION_TABLE",
                "P1",
                List.of(
                    new EvaluatedInput("impactInput", "Impact", "high"),
                    new EvaluatedInput("urgencyInput", "Urgency", "high")),
                List.of(
                    new MatchedRule(
                        "highHigh",
                        1,
                        List.of(new EvaluatedOutput("priorityOutput", "priority", "P1"))))));
  }

  @ParameterizedTest(name = "impact {0}, urgency {1} -> {2} (rule {3})")
  @CsvSource({
    "high, high, P1, 1",
    "high, medium, P2, 2",
    "medium, high, P2, 3",
    "high, low, P3, 4",
    "medium, medium, P3, 5",
    "low, high, P3, 6",
    "medium, low, P4, 7",
    "low, medium, P4, 8",
    "low, low, P5, 9"
  })
  void priorityFollowsTheItilMatrix(
      final String impact, final String urgency, final String priority, final int ruleIndex) {
    final DecisionEvaluation evaluation =
        decisions.evaluate(priorityDrg(), "priority", Map.of("impact", impact, "urgency", urgency));

    assertThat(evaluation).isEqualTo(evaluated(evaluation, priority));
    assertThat(evaluation.evaluatedDecisions().get(0).matchedRules())
        .singleElement()
        .satisfies(rule -> assertThat(rule.ruleIndex()).isEqualTo(ruleIndex));
  }

  @Test
  void requiredDecisionIsEvaluatedFirstAndBothAppearInTheDetails() {
    final DecisionEvaluation evaluation =
        decisions.evaluate(
            priorityDrg(),
            "assignmentGroup",
            Map.of("impact", "medium", "urgency", "low", "category", "network"));

    assertThat(evaluation).isEqualTo(evaluated(evaluation, "network-team"));
    assertThat(evaluation.evaluatedDecisions())
        .extracting(EvaluatedDecisionDetail::decisionId, EvaluatedDecisionDetail::output)
        .containsExactly(tuple("priority", "P4"), tuple("assignmentGroup", "network-team"));
    final EvaluatedDecisionDetail assignment = evaluation.evaluatedDecisions().get(1);
    assertThat(assignment.inputs())
        .containsExactly(
            new EvaluatedInput("priorityInput", "Priority", "P4"),
            new EvaluatedInput("categoryInput", "Category", "network"));
    assertThat(assignment.matchedRules())
        .containsExactly(
            new MatchedRule(
                "network",
                2,
                List.of(
                    new EvaluatedOutput(
                        "assignmentGroupOutput", "assignmentGroup", "network-team"))));
  }

  @Test
  void p1GoesToTheMajorIncidentTeamWhateverTheCategory() {
    final DecisionEvaluation evaluation =
        decisions.evaluate(
            priorityDrg(),
            "assignmentGroup",
            Map.of("impact", "high", "urgency", "high", "category", "database"));

    assertThat(evaluation).isEqualTo(evaluated(evaluation, "major-incident-team"));
  }

  @Test
  void unknownDecisionIdFailsWithoutEvaluatingAnything() {
    final DecisionEvaluation evaluation =
        decisions.evaluate(priorityDrg(), "severity", Map.of("impact", "high"));

    assertThat(evaluation)
        .isEqualTo(
            new DecisionEvaluation.Failed(
                "severity",
                "Expected to evaluate decision 'severity', but no decision found for 'severity'",
                List.of()));
  }

  @Test
  void noMatchingRuleUnderUniqueHitPolicyGivesNullOutput() {
    final DecisionEvaluation evaluation =
        decisions.evaluate(
            priorityDrg(), "priority", Map.of("impact", "catastrophic", "urgency", "high"));

    assertThat(evaluation).isInstanceOf(DecisionEvaluation.Evaluated.class);
    assertThat(((DecisionEvaluation.Evaluated) evaluation).output()).isNull();
    final EvaluatedDecisionDetail detail = evaluation.evaluatedDecisions().get(0);
    assertThat(detail.output()).isNull();
    assertThat(detail.matchedRules()).isEmpty();
    assertThat(detail.inputs())
        .extracting(EvaluatedInput::inputValue)
        .containsExactly("catastrophic", "high");
  }

  @Test
  void missingVariablesEvaluateAsNullInsteadOfThrowing() {
    final DecisionEvaluation evaluation = decisions.evaluate(priorityDrg(), "priority", null);

    assertThat(evaluation).isInstanceOf(DecisionEvaluation.Evaluated.class);
    assertThat(((DecisionEvaluation.Evaluated) evaluation).output()).isNull();
    assertThat(evaluation.evaluatedDecisions().get(0).inputs())
        .extracting(EvaluatedInput::inputValue)
        .containsExactly(null, null);
  }

  @Test
  void multipleMatchesUnderUniqueHitPolicyFailNamingTheDecision() {
    final ParsedDrg drg = valid(decisions.parse("overlap.dmn", bytes(OVERLAPPING_RULES)));

    final DecisionEvaluation evaluation =
        decisions.evaluate(drg, "discount", Map.of("amount", 500));

    assertThat(evaluation).isInstanceOf(DecisionEvaluation.Failed.class);
    final DecisionEvaluation.Failed failed = (DecisionEvaluation.Failed) evaluation;
    assertThat(failed.failedDecisionId()).isEqualTo("discount");
    assertThat(failed.message())
        .startsWith("Expected to evaluate decision 'discount', but ")
        .contains("UNIQUE");
  }

  @Test
  void failureInARequiredDecisionNamesTheRequiredDecisionAsFailed() {
    final ParsedDrg drg = valid(decisions.parse("overlap.dmn", bytes(OVERLAPPING_RULES)));

    final DecisionEvaluation evaluation = decisions.evaluate(drg, "invoice", Map.of("amount", 500));

    assertThat(evaluation).isInstanceOf(DecisionEvaluation.Failed.class);
    final DecisionEvaluation.Failed failed = (DecisionEvaluation.Failed) evaluation;
    assertThat(failed.failedDecisionId()).isEqualTo("discount");
    assertThat(failed.message()).startsWith("Expected to evaluate decision 'invoice', but ");
    assertThat(failed.evaluatedDecisions())
        .extracting(EvaluatedDecisionDetail::decisionId)
        .containsExactly("discount");
  }

  @Test
  void literalExpressionOutputIsJsonLikeJava() {
    final ParsedDrg drg = valid(decisions.parse("overlap.dmn", bytes(OVERLAPPING_RULES)));

    final DecisionEvaluation evaluation =
        decisions.evaluate(
            drg, "invoice", Map.of("amount", 50, "customer", Map.of("tags", List.of("gold"))));

    assertThat(evaluation).isInstanceOf(DecisionEvaluation.Evaluated.class);
    final Map<String, Object> expected = new HashMap<>();
    expected.put("discount", 0.05);
    expected.put("total", 47.5);
    expected.put("items", 2L);
    expected.put("due", "2024-02-29");
    expected.put("tags", List.of("gold"));
    expected.put("huge", new BigDecimal("100000000000000000000000.5"));
    expected.put("nothing", null);
    assertThat(((DecisionEvaluation.Evaluated) evaluation).output()).isEqualTo(expected);
    assertThat(evaluation.evaluatedDecisions())
        .extracting(EvaluatedDecisionDetail::decisionId, EvaluatedDecisionDetail::decisionType)
        .containsExactly(
            tuple("discount", "DECISION_TABLE"), tuple("invoice", "LITERAL_EXPRESSION"));
    assertThat(evaluation.evaluatedDecisions().get(1).inputs()).isEmpty();
    assertThat(evaluation.evaluatedDecisions().get(1).matchedRules()).isEmpty();
  }

  @Test
  void concurrentEvaluationsOnOneEngineKeepTheirOwnDetails() {
    final ParsedDrg drg = priorityDrg();
    final List<String> levels = List.of("high", "medium", "low");

    final List<Boolean> consistent =
        IntStream.range(0, 300)
            .parallel()
            .mapToObj(
                i -> {
                  final String impact = levels.get(i % 3);
                  final String urgency = levels.get((i / 3) % 3);
                  final DecisionEvaluation evaluation =
                      decisions.evaluate(
                          drg, "priority", Map.of("impact", impact, "urgency", urgency));
                  return evaluation.evaluatedDecisions().size() == 1
                      && evaluation
                          .evaluatedDecisions()
                          .get(0)
                          .inputs()
                          .equals(
                              List.of(
                                  new EvaluatedInput("impactInput", "Impact", impact),
                                  new EvaluatedInput("urgencyInput", "Urgency", urgency)));
                })
            .toList();

    assertThat(consistent).containsOnly(true);
  }

  @Test
  void malformedXmlIsInvalidAndNamesTheResource() {
    final DmnParseResult result =
        decisions.parse("broken.dmn", bytes("<definitions xmlns=\"" + DMN_NS + "\"><decision>"));

    assertThat(result).isInstanceOf(DmnParseResult.Invalid.class);
    assertThat(((DmnParseResult.Invalid) result).message())
        .contains("'broken.dmn'")
        .contains("not well-formed XML");
  }

  @Test
  void emptyResourceIsInvalid() {
    assertThat(decisions.parse("empty.dmn", new byte[0]))
        .isEqualTo(new DmnParseResult.Invalid("DMN resource 'empty.dmn' is empty"));
    assertThat(decisions.parse("null.dmn", null)).isInstanceOf(DmnParseResult.Invalid.class);
  }

  @Test
  void doctypeWithExternalEntityIsRefusedWithoutReadingTheFile(@TempDir final Path dir)
      throws IOException {
    final Path secret = Files.writeString(dir.resolve("secret.txt"), "top-secret");
    final String xxe =
        "<?xml version=\"1.0\"?>\n"
            + "<!DOCTYPE definitions [<!ENTITY secret SYSTEM \""
            + secret.toUri()
            + "\">]>\n"
            + "<definitions xmlns=\""
            + DMN_NS
            + "\" id=\"d\" name=\"&secret;\" namespace=\"x\"/>";

    final DmnParseResult result = decisions.parse("xxe.dmn", bytes(xxe));

    assertThat(result).isInstanceOf(DmnParseResult.Invalid.class);
    assertThat(((DmnParseResult.Invalid) result).message())
        .contains("'xxe.dmn'")
        .contains("XXE protection")
        .doesNotContain("top-secret");
  }

  @Test
  void internalEntityExpansionIsRefusedToo() {
    final String billionLaughs =
        "<?xml version=\"1.0\"?>\n"
            + "<!DOCTYPE definitions [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;\">]>\n"
            + "<definitions xmlns=\""
            + DMN_NS
            + "\" id=\"d\" name=\"&lol2;\" namespace=\"x\"/>";

    final DmnParseResult result = decisions.parse("laughs.dmn", bytes(billionLaughs));

    assertThat(result).isInstanceOf(DmnParseResult.Invalid.class);
    assertThat(((DmnParseResult.Invalid) result).message()).contains("XXE protection");
  }

  @Test
  void bpmnDeployedAsDmnIsInvalid() {
    final String bpmn =
        "<?xml version=\"1.0\"?>\n"
            + "<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\""
            + " id=\"defs\" targetNamespace=\"x\">"
            + "<bpmn:process id=\"p\" isExecutable=\"true\"><bpmn:startEvent id=\"s\"/>"
            + "</bpmn:process></bpmn:definitions>";

    final DmnParseResult result = decisions.parse("process.dmn", bytes(bpmn));

    assertThat(result).isInstanceOf(DmnParseResult.Invalid.class);
    assertThat(((DmnParseResult.Invalid) result).message())
        .contains("'process.dmn'")
        .contains("not a DMN file");
  }

  @Test
  void invalidFeelInADecisionTableIsInvalid() {
    final String dmn =
        "<definitions xmlns=\""
            + DMN_NS
            + "\" id=\"d\" name=\"D\" namespace=\"x\">"
            + "<decision id=\"broken\" name=\"Broken\">"
            + "<literalExpression id=\"e\"><text>amount + </text></literalExpression>"
            + "</decision></definitions>";

    final DmnParseResult result = decisions.parse("feel.dmn", bytes(dmn));

    assertThat(result).isInstanceOf(DmnParseResult.Invalid.class);
    assertThat(((DmnParseResult.Invalid) result).message())
        .startsWith("DMN resource 'feel.dmn' is not a valid DMN model: ")
        .contains("amount +");
  }

  @Test
  void dmnThatBreaksTheSchemaIsInvalid() {
    final String dmn =
        "<definitions xmlns=\""
            + DMN_NS
            + "\" id=\"d\" name=\"D\" namespace=\"x\"><decisionTable id=\"loose\"/></definitions>";

    final DmnParseResult result = decisions.parse("schema.dmn", bytes(dmn));

    assertThat(result).isInstanceOf(DmnParseResult.Invalid.class);
    assertThat(((DmnParseResult.Invalid) result).message()).contains("'schema.dmn'");
  }

  /** A UNIQUE table whose rules overlap above 100, required by a literal expression decision. */
  private static final String OVERLAPPING_RULES =
      """
      <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/"
                   id="billing" name="Billing" namespace="https://flowdesk.io/dmn/billing">
        <decision id="discount" name="Discount">
          <decisionTable id="discountTable" hitPolicy="UNIQUE">
            <input id="amountInput" label="Amount">
              <inputExpression id="amountExpression" typeRef="number"><text>amount</text></inputExpression>
            </input>
            <output id="rateOutput" name="rate" typeRef="number" />
            <rule id="small">
              <inputEntry id="smallAmount"><text>&lt;= 100</text></inputEntry>
              <outputEntry id="smallRate"><text>0.05</text></outputEntry>
            </rule>
            <rule id="large">
              <inputEntry id="largeAmount"><text>&gt; 100</text></inputEntry>
              <outputEntry id="largeRate"><text>0.1</text></outputEntry>
            </rule>
            <rule id="huge">
              <inputEntry id="hugeAmount"><text>&gt; 200</text></inputEntry>
              <outputEntry id="hugeRate"><text>0.2</text></outputEntry>
            </rule>
          </decisionTable>
        </decision>
        <decision id="invoice" name="Invoice">
          <informationRequirement id="invoiceRequiresDiscount">
            <requiredDecision href="#discount" />
          </informationRequirement>
          <literalExpression id="invoiceExpression">
            <text>{
              discount: discount,
              total: amount * (1 - discount),
              items: count([1, 2]),
              due: date("2024-02-29"),
              tags: customer.tags,
              huge: 100000000000000000000000.5,
              nothing: null
            }</text>
          </literalExpression>
        </decision>
      </definitions>
      """;

  private static DecisionEvaluation evaluated(
      final DecisionEvaluation actual, final Object output) {
    return new DecisionEvaluation.Evaluated(output, actual.evaluatedDecisions());
  }

  private ParsedDrg priorityDrg() {
    try (InputStream in = getClass().getResourceAsStream("/dmn/priority.dmn")) {
      assertThat(in).as("dmn/priority.dmn on the test classpath").isNotNull();
      return valid(decisions.parse("priority.dmn", in.readAllBytes()));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ParsedDrg valid(final DmnParseResult result) {
    assertThat(result).isInstanceOf(DmnParseResult.Valid.class);
    return ((DmnParseResult.Valid) result).drg();
  }

  private static byte[] bytes(final String xml) {
    return xml.getBytes(StandardCharsets.UTF_8);
  }
}
