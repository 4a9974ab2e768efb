package io.flowdesk.engine.conformance;

import static io.flowdesk.engine.conformance.Conformance.processId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.flowdesk.engine.test.EngineRecords;
import io.flowdesk.engine.test.FlowdeskEngineTest;
import io.grpc.Status;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Process instance modification as Zeebe's docs describe it: operators moving stuck tokens. */
@FlowdeskEngineTest
class ModificationConformanceTest {

  CamundaClient client;
  EngineRecords records;
  Conformance conformance;

  @BeforeEach
  void setUp() {
    conformance = new Conformance(client);
  }

  private String deployStuckOnMessage(final String id) {
    return conformance.deploy(
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .intermediateCatchEvent(
                "waitForPartner",
                e -> e.message(m -> m.name("never-" + UUID.randomUUID()).zeebeCorrelationKey("k")))
            .serviceTask("next", t -> t.zeebeJobType("next-" + id))
            .endEvent()
            .done());
  }

  private long elementInstanceOf(final long instance, final String elementId) {
    return records.of(instance).stream()
        .filter(e -> e.intent().equals("ELEMENT_ACTIVATED") && elementId.equals(e.elementId()))
        .findFirst()
        .orElseThrow()
        .key();
  }

  @Test
  void movingATokenTerminatesTheStuckElementAndActivatesTheNextWithVariables() {
    final String id = deployStuckOnMessage(processId());
    final long instance = conformance.start(id, Map.of());
    final long stuck = elementInstanceOf(instance, "waitForPartner");

    client
        .newModifyProcessInstanceCommand(instance)
        .activateElement("next")
        .withVariables(Map.of("skipped", true))
        .and()
        .terminateElement(stuck)
        .send()
        .join();

    final ActivatedJob job = conformance.activateOne("next-" + id);
    assertThat(job.getVariablesAsMap()).containsEntry("skipped", true);
    assertThat(records.elements(instance, "ELEMENT_TERMINATED")).containsExactly("waitForPartner");
    conformance.complete(job, Map.of());
    records.awaitCompleted(instance);
  }

  @Test
  void terminatingTheLastActiveElementTerminatesTheInstance() {
    final String id = deployStuckOnMessage(processId());
    final long instance = conformance.start(id, Map.of());

    client
        .newModifyProcessInstanceCommand(instance)
        .terminateElement(elementInstanceOf(instance, "waitForPartner"))
        .send()
        .join();

    assertThat(records.stateOf(instance)).isEqualTo("TERMINATED");
  }

  @Test
  void aModificationWithOneBadInstructionIsRejectedAndChangesNothing() {
    final String id = deployStuckOnMessage(processId());
    final long instance = conformance.start(id, Map.of());

    assertThatThrownBy(
            () ->
                client
                    .newModifyProcessInstanceCommand(instance)
                    .activateElement("next")
                    .and()
                    .activateElement("noSuchElement")
                    .send()
                    .join())
        .satisfies(Rejected.as(Status.Code.INVALID_ARGUMENT))
        .hasMessageContaining("noSuchElement");
    assertThat(conformance.activate("next-" + id, 1)).isEmpty();
    assertThat(records.stateOf(instance)).isEqualTo("ACTIVE");
  }

  @Test
  void activatingAnElementInsideAnInactiveSubProcessCreatesTheSubProcessFirst() {
    final String id = processId();
    conformance.deploy(
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .serviceTask("first", t -> t.zeebeJobType("first-" + id))
            .subProcess(
                "sub",
                sp ->
                    sp.embeddedSubProcess()
                        .startEvent("subStart")
                        .serviceTask("inner", t -> t.zeebeJobType("inner-" + id))
                        .endEvent())
            .endEvent()
            .done());
    final long instance = conformance.start(id, Map.of());

    client.newModifyProcessInstanceCommand(instance).activateElement("inner").send().join();

    conformance.complete(conformance.activateOne("inner-" + id), Map.of());
    assertThat(records.elements(instance, "ELEMENT_ACTIVATED")).contains("sub", "inner");
    assertThat(records.elements(instance, "ELEMENT_ACTIVATED")).doesNotContain("subStart");
    conformance.complete(conformance.activateOne("first-" + id), Map.of());
    conformance.complete(conformance.activateOne("inner-" + id), Map.of());
    records.awaitCompleted(instance);
  }

  /** A parallel multi-instance sub-process over {@code items}, each inner instance at "work". */
  private String deployMultiInstanceSubProcess(final String id) {
    return conformance.deploy(
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .subProcess(
                "each",
                sp ->
                    sp.multiInstance(
                            m ->
                                m.zeebeInputCollectionExpression("items").zeebeInputElement("item"))
                        .embeddedSubProcess()
                        .startEvent()
                        .serviceTask("work", t -> t.zeebeJobType("work-" + id))
                        .serviceTask("check", t -> t.zeebeJobType("check-" + id))
                        .endEvent())
            .endEvent()
            .done());
  }

  /** The inner instances of multi-instance sub-process {@code elementId} (not its body). */
  private List<Long> innerInstancesOf(final long instance, final String elementId) {
    return records.of(instance).stream()
        .filter(
            e ->
                e.intent().equals("ELEMENT_ACTIVATED")
                    && elementId.equals(e.elementId())
                    && e.payload().contains("\"SUB_PROCESS\""))
        .map(EngineRecords.Entry::key)
        .toList();
  }

  @Test
  void anElementInsideAMultiInstanceSubProcessIsActivatedInTheInnerInstanceGivenAsAncestor() {
    final String id = deployMultiInstanceSubProcess(processId());
    final long instance = conformance.start(id, Map.of("items", List.of("a", "b")));
    assertThat(conformance.activate("work-" + id, 2)).hasSize(2);
    final long second = innerInstancesOf(instance, "each").get(1);

    client.newModifyProcessInstanceCommand(instance).activateElement("check", second).send().join();

    final ActivatedJob check = conformance.activateOne("check-" + id);
    assertThat(check.getVariablesAsMap())
        .as("the inner instance's own item")
        .containsEntry("item", "b");
  }

  @Test
  void anElementInsideAMultiInstanceSubProcessIsRefusedWithoutAnAncestorNamingTheSubProcess() {
    final String id = deployMultiInstanceSubProcess(processId());
    final long instance = conformance.start(id, Map.of("items", List.of("a", "b")));

    assertThatThrownBy(
            () ->
                client
                    .newModifyProcessInstanceCommand(instance)
                    .activateElement("check")
                    .send()
                    .join())
        .satisfies(Rejected.as(Status.Code.INVALID_ARGUMENT))
        .hasMessageContaining("'check'")
        .hasMessageContaining("multi-instance sub-process 'each'");
    assertThat(conformance.activate("check-" + id, 1)).isEmpty();
  }

  @Test
  void anAncestorThatIsNoFlowScopeOfTheElementIsRefused() {
    final String id = deployMultiInstanceSubProcess(processId());
    final long instance = conformance.start(id, Map.of("items", List.of("a")));
    final long work = conformance.activateOne("work-" + id).getElementInstanceKey();

    assertThatThrownBy(
            () ->
                client
                    .newModifyProcessInstanceCommand(instance)
                    .activateElement("check", work)
                    .send()
                    .join())
        .satisfies(Rejected.as(Status.Code.INVALID_ARGUMENT))
        .hasMessageContaining(String.valueOf(work))
        .hasMessageContaining("'check'");
  }

  @Test
  void startEventsBoundaryEventsAndEventsAfterAnEventBasedGatewayAreRefusedNamingWhy() {
    final String id = processId();
    conformance.deploy(
        Bpmn.createExecutableProcess(id)
            .startEvent("begin")
            .serviceTask("task", t -> t.zeebeJobType("task-" + id))
            .boundaryEvent("deadline", b -> b.timerWithDuration("PT1H"))
            .endEvent()
            .moveToActivity("task")
            .eventBasedGateway("wait")
            .intermediateCatchEvent("tick", e -> e.timerWithDuration("PT1H"))
            .endEvent()
            .moveToNode("wait")
            .intermediateCatchEvent("tock", e -> e.timerWithDuration("PT2H"))
            .endEvent()
            .done());
    final long instance = conformance.start(id, Map.of());

    for (final String[] refused :
        new String[][] {
          {"begin", "a start event"},
          {"deadline", "a boundary event"},
          {"tick", "an event after an event-based gateway"}
        }) {
      assertThatThrownBy(
              () ->
                  client
                      .newModifyProcessInstanceCommand(instance)
                      .activateElement(refused[0])
                      .send()
                      .join())
          .satisfies(Rejected.as(Status.Code.INVALID_ARGUMENT))
          .hasMessageContaining("'" + refused[0] + "' is " + refused[1]);
    }
    assertThat(records.elements(instance, "ELEMENT_ACTIVATED")).doesNotContain("tick", "deadline");
  }
}
