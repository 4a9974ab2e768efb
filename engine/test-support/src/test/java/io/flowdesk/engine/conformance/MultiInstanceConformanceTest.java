package io.flowdesk.engine.conformance;

import static io.flowdesk.engine.conformance.Conformance.processId;
import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.flowdesk.engine.support.EngineClock;
import io.flowdesk.engine.test.EngineRecords;
import io.flowdesk.engine.test.FlowdeskEngineTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Multi-instance activities as Zeebe's docs describe them. */
@FlowdeskEngineTest
class MultiInstanceConformanceTest {

  CamundaClient client;
  EngineRecords records;
  EngineClock clock;
  Conformance conformance;

  @BeforeEach
  void setUp() {
    conformance = new Conformance(client);
  }

  private String deployNotify(final boolean sequential, final String completionCondition) {
    final String id = processId();
    conformance.deploy(
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .serviceTask(
                "notify",
                t ->
                    t.zeebeJobType("notify-" + id)
                        .multiInstance(
                            m -> {
                              if (sequential) {
                                m.sequential();
                              } else {
                                m.parallel();
                              }
                              m.zeebeInputCollectionExpression("recipients")
                                  .zeebeInputElement("recipient")
                                  .zeebeOutputCollection("receipts")
                                  .zeebeOutputElementExpression("receipt");
                              if (completionCondition != null) {
                                m.completionCondition(completionCondition);
                              }
                            }))
            .endEvent()
            .done());
    return id;
  }

  @Test
  void aParallelMultiInstanceTaskRunsOnceForEachItemAndCollectsTheOutputsInOrder() {
    final String id = deployNotify(false, null);
    final long instance = conformance.start(id, Map.of("recipients", List.of("ann", "bob", "cid")));

    final List<ActivatedJob> jobs = conformance.activate("notify-" + id, 10);
    assertThat(jobs)
        .extracting(j -> j.getVariablesAsMap().get("recipient"))
        .containsExactlyInAnyOrder("ann", "bob", "cid");
    for (int i = jobs.size() - 1; i >= 0; i--) {
      final ActivatedJob job = jobs.get(i);
      conformance.complete(
          job, Map.of("receipt", "sent to " + job.getVariablesAsMap().get("recipient")));
    }

    records.awaitCompleted(instance);
    assertThat(records.variable(instance, "receipts"))
        .isEqualTo("[\"sent to ann\", \"sent to bob\", \"sent to cid\"]");
  }

  @Test
  void aSequentialMultiInstanceTaskRunsOneItemAfterTheOtherWithItsLoopCounter() {
    final String id = deployNotify(true, null);
    final long instance = conformance.start(id, Map.of("recipients", List.of("ann", "bob")));

    final ActivatedJob first = conformance.activateOne("notify-" + id);
    assertThat(conformance.activate("notify-" + id, 10)).isEmpty();
    assertThat(first.getVariablesAsMap())
        .containsEntry("recipient", "ann")
        .containsEntry("loopCounter", 1);
    conformance.complete(first, Map.of("receipt", 1));
    final ActivatedJob second = conformance.activateOne("notify-" + id);
    assertThat(second.getVariablesAsMap())
        .containsEntry("recipient", "bob")
        .containsEntry("loopCounter", 2);
    conformance.complete(second, Map.of("receipt", 2));

    records.awaitCompleted(instance);
    assertThat(records.variable(instance, "receipts")).isEqualTo("[1, 2]");
  }

  @Test
  void theCompletionConditionEndsTheBodyAndTerminatesTheRemainingInstances() {
    final String id = deployNotify(false, "=numberOfCompletedInstances >= 1");
    final long instance = conformance.start(id, Map.of("recipients", List.of("ann", "bob")));

    final List<ActivatedJob> jobs = conformance.activate("notify-" + id, 10);
    assertThat(jobs).hasSize(2);
    conformance.complete(jobs.get(0), Map.of("receipt", "first"));

    records.awaitCompleted(instance);
    assertThat(records.elements(instance, "ELEMENT_TERMINATED")).containsExactly("notify");
  }

  @Test
  void anEmptyInputCollectionCompletesTheActivityWithoutInstances() {
    final String id = deployNotify(false, null);
    final long instance = conformance.start(id, Map.of("recipients", List.of()));

    records.awaitCompleted(instance);
    assertThat(records.variable(instance, "receipts")).isEqualTo("[]");
  }

  @Test
  void aCommandThatLogsThousandsOfRecordsKeepsEveryOneInTheOrderItHappened() {
    final String id = processId();
    conformance.deploy(
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .manualTask("greet")
            .multiInstance(
                m -> m.parallel().zeebeInputCollectionExpression("for i in 1..400 return i"))
            .endEvent()
            .done());
    final long instance = conformance.start(id, Map.of());

    // One command activates and completes all 400 instances: more records than one batch holds.
    records.awaitCompleted(instance);
    final List<EngineRecords.Entry> log = records.of(instance);
    assertThat(log).hasSizeGreaterThan(1_600);
    assertThat(log.get(0).elementId()).isEqualTo(id);
    assertThat(log.get(0).intent()).isEqualTo("ELEMENT_ACTIVATING");
    assertThat(log.get(log.size() - 1).elementId()).isEqualTo(id);
    assertThat(log.get(log.size() - 1).intent()).isEqualTo("ELEMENT_COMPLETED");
    final Map<Long, List<String>> lifecycles =
        log.stream()
            .filter(e -> "greet".equals(e.elementId()) && e.valueType().equals("PROCESS_INSTANCE"))
            .collect(
                Collectors.groupingBy(
                    EngineRecords.Entry::key,
                    Collectors.mapping(EngineRecords.Entry::intent, Collectors.toList())));
    // The body and its 400 inner instances, each from activating to completed.
    assertThat(lifecycles).hasSize(401);
    assertThat(lifecycles.values())
        .allSatisfy(
            intents ->
                assertThat(intents)
                    .containsExactly(
                        "ELEMENT_ACTIVATING",
                        "ELEMENT_ACTIVATED",
                        "ELEMENT_COMPLETING",
                        "ELEMENT_COMPLETED"));
  }

  @Test
  void anInputCollectionThatIsNoListRaisesAnIncident() {
    final String id = deployNotify(false, null);
    final long instance = conformance.start(id, Map.of("recipients", "ann"));

    final var incident = records.awaitIncidents(instance).get(0);
    assertThat(incident.errorType()).isEqualTo("EXTRACT_VALUE_ERROR");
    assertThat(incident.errorMessage()).contains("'ARRAY'").contains("'STRING'");
  }

  @Test
  void aBoundaryTimerOnAMultiInstanceSubProcessInterruptsAllItsInstances() {
    final String id = processId();
    conformance.deploy(
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .subProcess(
                "review",
                sp ->
                    sp.multiInstance(m -> m.parallel().zeebeInputCollectionExpression("[1,2]"))
                        .embeddedSubProcess()
                        .startEvent()
                        .serviceTask("check", t -> t.zeebeJobType("check-" + id))
                        .endEvent())
            .boundaryEvent("deadline", b -> b.timerWithDuration("PT1H"))
            .endEvent("late")
            .moveToActivity("review")
            .endEvent("done")
            .done());
    final long instance = conformance.start(id, Map.of());
    assertThat(conformance.activate("check-" + id, 10)).hasSize(2);

    clock.advance(Duration.ofHours(1));

    records.awaitCompleted(instance);
    assertThat(records.elements(instance, "ELEMENT_COMPLETED")).contains("deadline", "late");
    assertThat(records.elements(instance, "ELEMENT_TERMINATED"))
        .filteredOn("review"::equals)
        .hasSize(3);
  }
}
