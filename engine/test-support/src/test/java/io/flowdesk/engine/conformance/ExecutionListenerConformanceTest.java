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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Execution listeners as Zeebe's docs describe them: jobs before and after an element. */
@FlowdeskEngineTest
class ExecutionListenerConformanceTest {

  CamundaClient client;
  EngineRecords records;
  Conformance conformance;

  @BeforeEach
  void setUp() {
    conformance = new Conformance(client);
  }

  @Test
  void startListenersRunBeforeTheTaskAndEndListenersAfterItInOrder() {
    final String id = processId();
    conformance.deploy(
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .serviceTask(
                "work",
                t ->
                    t.zeebeJobType("work-" + id)
                        .zeebeStartExecutionListener("prepare-" + id)
                        .zeebeEndExecutionListener("audit-" + id)
                        .zeebeEndExecutionListener("notify-" + id))
            .endEvent("end")
            .done());
    final long instance = conformance.start(id, Map.of());

    assertThat(conformance.activate("work-" + id, 1)).isEmpty();
    final ActivatedJob prepare = conformance.activateOne("prepare-" + id);
    assertThat(prepare.getKind().name()).isEqualTo("EXECUTION_LISTENER");
    assertThat(prepare.getListenerEventType().name()).isEqualTo("START");
    conformance.complete(prepare, Map.of("prepared", true));

    final ActivatedJob work = conformance.activateOne("work-" + id);
    assertThat(work.getKind().name()).isEqualTo("BPMN_ELEMENT");
    assertThat(work.getVariablesAsMap()).containsEntry("prepared", true);
    conformance.complete(work, Map.of());

    assertThat(conformance.activate("notify-" + id, 1)).isEmpty();
    final ActivatedJob audit = conformance.activateOne("audit-" + id);
    assertThat(audit.getListenerEventType().name()).isEqualTo("END");
    conformance.complete(audit, Map.of("audited", true));
    conformance.complete(conformance.activateOne("notify-" + id), Map.of());

    records.awaitCompleted(instance);
    assertThat(records.variable(instance, "audited")).isEqualTo("true");
    assertThat(records.elements(instance, "ELEMENT_COMPLETED")).containsSubsequence("work", "end");
  }

  @Test
  void onAMultiInstanceActivityListenersRunAroundEachInnerInstanceWithItsItem() {
    final String id = processId();
    conformance.deploy(
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .serviceTask(
                "review",
                t ->
                    t.zeebeJobType("review-" + id)
                        .zeebeStartExecutionListener("brief-" + id)
                        .zeebeEndExecutionListener("file-" + id)
                        .multiInstance(
                            m ->
                                m.zeebeInputCollectionExpression("reviewers")
                                    .zeebeInputElement("reviewer")
                                    .zeebeOutputCollection("briefs")
                                    .zeebeOutputElementExpression("brief")))
            .endEvent()
            .done());
    final long instance = conformance.start(id, Map.of("reviewers", List.of("ann", "bob")));

    final List<ActivatedJob> briefs = conformance.activate("brief-" + id, 3);
    assertThat(briefs)
        .extracting(job -> job.getVariablesAsMap().get("reviewer"))
        .containsExactlyInAnyOrder("ann", "bob");
    briefs.forEach(
        job ->
            conformance.complete(
                job, Map.of("brief", "for " + job.getVariablesAsMap().get("reviewer"))));
    final List<ActivatedJob> reviews = conformance.activate("review-" + id, 3);
    assertThat(reviews)
        .extracting(job -> job.getVariablesAsMap().get("brief"))
        .as("each inner instance keeps what its own start listener set")
        .containsExactlyInAnyOrder("for ann", "for bob");
    reviews.forEach(job -> conformance.complete(job, Map.of()));
    final List<ActivatedJob> filings = conformance.activate("file-" + id, 3);
    assertThat(filings)
        .extracting(
            job ->
                job.getListenerEventType().name() + " " + job.getVariablesAsMap().get("reviewer"))
        .containsExactlyInAnyOrder("END ann", "END bob");
    filings.forEach(job -> conformance.complete(job, Map.of()));

    records.awaitCompleted(instance);
    assertThat(records.variable(instance, "briefs")).isEqualTo("[\"for ann\", \"for bob\"]");
    assertThat(records.variable(instance, "brief")).isNull();
  }

  @Test
  void aListenerJobCannotThrowABpmnError() {
    final String id = processId();
    conformance.deploy(
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .manualTask("check")
            .zeebeStartExecutionListener("check-" + id)
            .endEvent()
            .done());
    conformance.start(id, Map.of());
    final ActivatedJob listener = conformance.activateOne("check-" + id);

    assertThatThrownBy(
            () -> client.newThrowErrorCommand(listener.getKey()).errorCode("X").send().join())
        .satisfies(Rejected.as(Status.Code.FAILED_PRECONDITION))
        .hasMessageContaining("execution listener");
  }

  @Test
  void aStartListenerOnAnExclusiveGatewaySetsTheVariableItDecidesOn() {
    final String id = processId();
    conformance.deploy(
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .exclusiveGateway("route")
            .zeebeStartExecutionListener("decide-" + id)
            .conditionExpression("priority = \"high\"")
            .serviceTask("urgent", t -> t.zeebeJobType("urgent-" + id))
            .endEvent()
            .moveToNode("route")
            .conditionExpression("priority != \"high\"")
            .serviceTask("normal", t -> t.zeebeJobType("normal-" + id))
            .endEvent()
            .done());
    final long instance = conformance.start(id, Map.of("priority", "low"));

    final ActivatedJob decide = conformance.activateOne("decide-" + id);
    assertThat(decide.getElementId()).isEqualTo("route");
    assertThat(decide.getListenerEventType().name()).isEqualTo("START");
    conformance.complete(decide, Map.of("priority", "high"));

    conformance.complete(conformance.activateOne("urgent-" + id), Map.of());
    records.awaitCompleted(instance);
    assertThat(records.elements(instance, "ELEMENT_ACTIVATED")).doesNotContain("normal");
  }

  @Test
  void aStartListenerOnAnEventBasedGatewaySetsTheCorrelationKeyOfItsEvents() {
    final String id = processId();
    final String message = "paid-" + id;
    conformance.deploy(
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .eventBasedGateway("wait")
            .zeebeStartExecutionListener("key-" + id)
            .intermediateCatchEvent(
                "paid", e -> e.message(m -> m.name(message).zeebeCorrelationKeyExpression("ref")))
            .endEvent("done")
            .moveToNode("wait")
            .intermediateCatchEvent("late", e -> e.timerWithDuration("PT1H"))
            .endEvent()
            .done());
    final long instance = conformance.start(id, Map.of());

    conformance.complete(conformance.activateOne("key-" + id), Map.of("ref", "order-7"));
    conformance.publish(message, "order-7", Duration.ofMinutes(1), Map.of());

    records.awaitCompleted(instance);
    assertThat(records.elements(instance, "ELEMENT_COMPLETED")).contains("paid", "done");
  }

  @Test
  void endListenersOnGatewaysAreRefusedAtDeploymentAsInCamunda() {
    // Zeebe's model builder offers no end listeners on gateways either: written as XML.
    final String id = processId();
    final String xml =
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="t">
          <bpmn:process id="%s" isExecutable="true">
            <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
            <bpmn:parallelGateway id="fork">
              <bpmn:extensionElements>
                <zeebe:executionListeners>
                  <zeebe:executionListener eventType="end" type="after" />
                </zeebe:executionListeners>
              </bpmn:extensionElements>
              <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
            </bpmn:parallelGateway>
            <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="fork" />
            <bpmn:sequenceFlow id="f2" sourceRef="fork" targetRef="end" />
          </bpmn:process>
        </bpmn:definitions>
        """
            .formatted(id);
    assertThatThrownBy(
            () ->
                client
                    .newDeployResourceCommand()
                    .addResourceString(xml, java.nio.charset.StandardCharsets.UTF_8, id + ".bpmn")
                    .send()
                    .join())
        .satisfies(Rejected.as(Status.Code.INVALID_ARGUMENT))
        .hasMessageContaining("fork")
        .hasMessageContaining("end execution listeners on gateways");
  }
}
