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
}
