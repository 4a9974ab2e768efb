package io.flowdesk.engine.conformance;

import static io.flowdesk.engine.conformance.Conformance.processId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.CamundaFuture;
import io.camunda.client.api.response.ProcessInstanceEvent;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.flowdesk.engine.test.EngineRecords;
import io.flowdesk.engine.test.FlowdeskEngineTest;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * FEEL evaluation is bounded (issue 17): an expression that would run for minutes or build huge
 * values stops at the bound (default 1 s, 100,000 items), as an incident at run time or a refusal
 * of the request, and never holds a command thread.
 */
@FlowdeskEngineTest
class FeelBoundsConformanceTest {

  // Within the size bound, but FEEL appends each item to its result list in quadratic time: about
  // two minutes unbounded.
  private static final String RUNAWAY = "count(for x in 1..n return x)";
  private static final int SLOW_N = 90_000;

  CamundaClient client;
  EngineRecords records;

  private Conformance conformance() {
    return new Conformance(client);
  }

  private String scriptProcess(final String expression) {
    return conformance()
        .deploy(
            Bpmn.createExecutableProcess(processId())
                .startEvent()
                .scriptTask("count", s -> s.zeebeExpression(expression).zeebeResultVariable("c"))
                .endEvent()
                .done());
  }

  @Test
  void aRunawayScriptBecomesAnIncidentNamingTheTimeoutWhileOtherInstancesGoOn() {
    final String runaway = scriptProcess(RUNAWAY);
    final String quick = scriptProcess("1 + 1");

    final long started = System.nanoTime();
    final CamundaFuture<ProcessInstanceEvent> stuck =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId(runaway)
            .latestVersion()
            .variables(Map.of("n", SLOW_N))
            .send();
    final Map<String, Object> other =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId(quick)
            .latestVersion()
            .withResult()
            .send()
            .join()
            .getVariablesAsMap();
    final long instance = stuck.join().getProcessInstanceKey();
    final EngineRecords.Incident incident = records.awaitIncidents(instance).get(0);

    assertThat(other).containsEntry("c", 2);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
    assertThat(incident.elementId()).isEqualTo("count");
    assertThat(incident.errorType()).isEqualTo("EXTRACT_VALUE_ERROR");
    assertThat(incident.errorMessage())
        .isEqualTo(
            "Expected to evaluate expression '"
                + RUNAWAY
                + "', but failed: FEEL evaluation exceeded 1 s");

    client.newSetVariablesCommand(instance).variables(Map.of("n", 10)).send().join();
    client.newResolveIncidentCommand(incident.key()).send().join();
    records.awaitCompleted(instance);
    assertThat(records.variable(instance, "c")).isEqualTo("10");
  }

  @Test
  void valuesLargerThanTheSizeBoundAreIncidentsNamingTheBound() {
    final String ranged = scriptProcess(RUNAWAY);
    final long tooLongRange = conformance().start(ranged, Map.of("n", 300_000));

    final String doubling =
        conformance()
            .deploy(
                Bpmn.createExecutableProcess(processId())
                    .startEvent()
                    .serviceTask(
                        "task",
                        t ->
                            t.zeebeJobType("work")
                                .zeebeInputExpression(
                                    "for i in 1..20 return if i = 1 then [1]"
                                        + " else concatenate(partial[-1], partial[-1])",
                                    "lists"))
                    .endEvent()
                    .done());
    final long tooLongList = conformance().start(doubling, Map.of());

    assertThat(records.awaitIncidents(tooLongRange).get(0).errorMessage())
        .endsWith(
            "but failed: FEEL evaluation would build the range 1..300000 of more than 100000"
                + " items (300000)");
    final EngineRecords.Incident mapping = records.awaitIncidents(tooLongList).get(0);
    assertThat(mapping.errorType()).isEqualTo("IO_MAPPING_ERROR");
    assertThat(mapping.errorMessage())
        .endsWith("but failed: FEEL evaluation built a list of more than 100000 items");
  }

  @Test
  void aConstantRangeLargerThanTheSizeBoundIsRefusedAtDeployment() {
    final String id = processId();

    assertThatThrownBy(
            () ->
                conformance()
                    .deploy(
                        Bpmn.createExecutableProcess(id)
                            .startEvent()
                            .scriptTask(
                                "count",
                                s ->
                                    s.zeebeExpression("count(for x in 1..1000000 return x)")
                                        .zeebeResultVariable("c"))
                            .endEvent()
                            .done()))
        .satisfies(Rejected.as(Status.Code.INVALID_ARGUMENT))
        .hasMessageContaining("count")
        .hasMessageContaining(
            "the range 1..1000000 has more than the 100000 items a FEEL evaluation may build");
  }

  @Test
  void aRunawayDecisionIsRefusedOverTheApiAndAnIncidentInAProcess() {
    final String decisionId = "d" + processId();
    client
        .newDeployResourceCommand()
        .addResourceString(runawayDecision(decisionId), StandardCharsets.UTF_8, "runaway.dmn")
        .send()
        .join();

    final long started = System.nanoTime();
    assertThatThrownBy(
            () ->
                client
                    .newEvaluateDecisionCommand()
                    .decisionId(decisionId)
                    .variables(Map.of("n", SLOW_N))
                    .send()
                    .join())
        .satisfies(Rejected.as(Status.Code.INVALID_ARGUMENT))
        .hasMessageContaining(
            "Expected to evaluate decision '" + decisionId + "', but FEEL evaluation exceeded 1 s");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));

    final String process =
        conformance()
            .deploy(
                Bpmn.createExecutableProcess(processId())
                    .startEvent()
                    .businessRuleTask(
                        "rule", t -> t.zeebeCalledDecisionId(decisionId).zeebeResultVariable("c"))
                    .endEvent()
                    .done());
    final long instance = conformance().start(process, Map.of("n", 300_000));
    final EngineRecords.Incident incident = records.awaitIncidents(instance).get(0);
    assertThat(incident.errorType()).isEqualTo("DECISION_EVALUATION_ERROR");
    assertThat(incident.errorMessage()).contains("the range 1..300000 of more than 100000 items");
  }

  private static String runawayDecision(final String decisionId) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/"
                     id="drg-%1$s" name="Runaway" namespace="https://flowdesk.io/test">
          <decision id="%1$s" name="Count">
            <variable id="v-%1$s" name="c" typeRef="number"/>
            <literalExpression id="e-%1$s"><text>%2$s</text></literalExpression>
          </decision>
        </definitions>
        """
        .formatted(decisionId, RUNAWAY);
  }
}
