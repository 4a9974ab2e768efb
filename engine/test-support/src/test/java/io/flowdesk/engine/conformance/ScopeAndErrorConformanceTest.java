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
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Sub-processes, event sub-processes, errors, escalations and links, as Zeebe runs them. */
@FlowdeskEngineTest
class ScopeAndErrorConformanceTest {

  CamundaClient client;
  EngineRecords records;
  EngineClock clock;
  Conformance conformance;

  @BeforeEach
  void setUp() {
    conformance = new Conformance(client);
  }

  private void throwError(
      final ActivatedJob job, final String code, final Map<String, Object> vars) {
    client.newThrowErrorCommand(job.getKey()).errorCode(code).variables(vars).send().join();
  }

  @Test
  void anEmbeddedSubProcessRunsItsFlowThenCompletesWithItsOutputs() {
    final String id = processId();
    conformance.deploy(
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .subProcess(
                "handle",
                sp ->
                    sp.zeebeInputExpression("6", "local")
                        .zeebeOutputExpression("local", "result")
                        .embeddedSubProcess()
                        .startEvent("innerStart")
                        .serviceTask("inner", t -> t.zeebeJobType("inner-" + id))
                        .endEvent("innerEnd"))
            .endEvent("end")
            .done());
    final long instance = conformance.start(id, Map.of());

    final ActivatedJob job = conformance.activateOne("inner-" + id);
    assertThat(job.getVariablesAsMap()).containsEntry("local", 6);
    // The sub-process holds "local", so the job's result updates it there, not in the process.
    conformance.complete(job, Map.of("local", 7));

    records.awaitCompleted(instance);
    assertThat(records.elements(instance, "ELEMENT_COMPLETED"))
        .containsSubsequence("innerStart", "inner", "innerEnd", "handle", "end");
    assertThat(records.variable(instance, "result")).isEqualTo("7");
    assertThat(records.variable(instance, "local")).isNull();
  }

  @Test
  void anErrorBoundaryEventCatchesAThrownErrorByItsCodeWithTheErrorVariables() {
    final String id = processId();
    conformance.deploy(
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .serviceTask("call", t -> t.zeebeJobType("call-" + id))
            .boundaryEvent("other", b -> b.error("OTHER"))
            .endEvent("viaOther")
            .moveToActivity("call")
            .boundaryEvent("unreachable", b -> b.error("UNREACHABLE"))
            .endEvent("viaUnreachable")
            .moveToActivity("call")
            .endEvent("done")
            .done());
    final long instance = conformance.start(id, Map.of());

    throwError(conformance.activateOne("call-" + id), "UNREACHABLE", Map.of("host", "smtp"));

    records.awaitCompleted(instance);
    assertThat(records.elements(instance, "ELEMENT_COMPLETED"))
        .contains("unreachable", "viaUnreachable")
        .doesNotContain("other", "done");
    assertThat(records.variable(instance, "host")).isEqualTo("\"smtp\"");
  }

  @Test
  void aCatchAllErrorBoundaryOnASubProcessCatchesErrorsFromInside() {
    final String id = processId();
    conformance.deploy(
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .subProcess(
                "sub",
                sp ->
                    sp.embeddedSubProcess()
                        .startEvent()
                        .serviceTask("inner", t -> t.zeebeJobType("inner-" + id))
                        .endEvent())
            .boundaryEvent("anyError", b -> b.error())
            .endEvent("failed")
            .moveToActivity("sub")
            .endEvent("done")
            .done());
    final long instance = conformance.start(id, Map.of());

    throwError(conformance.activateOne("inner-" + id), "ANYTHING", Map.of());

    records.awaitCompleted(instance);
    assertThat(records.elements(instance, "ELEMENT_TERMINATED")).containsExactly("inner", "sub");
    assertThat(records.elements(instance, "ELEMENT_COMPLETED")).contains("anyError", "failed");
  }

  @Test
  void anErrorEndEventIsCaughtByAnErrorEventSubProcessWhichInterruptsTheProcess() {
    final String id = processId();
    conformance.deploy(
        Bpmn.createExecutableProcess(id)
            .eventSubProcess(
                "onRejected",
                esp -> esp.startEvent("rejected").error("REJECTED").endEvent("cleanedUp"))
            .startEvent()
            .parallelGateway("fork")
            .serviceTask("slow", t -> t.zeebeJobType("slow-" + id))
            .endEvent()
            .moveToNode("fork")
            .endEvent("reject", e -> e.error("REJECTED"))
            .done());
    final long instance = conformance.start(id, Map.of());

    records.awaitCompleted(instance);
    assertThat(records.elements(instance, "ELEMENT_TERMINATED")).contains("slow");
    assertThat(records.elements(instance, "ELEMENT_COMPLETED"))
        .contains("rejected", "cleanedUp", "onRejected");
    assertThat(conformance.activate("slow-" + id, 1)).isEmpty();
  }

  @Test
  void anUncaughtErrorEndEventRaisesAnIncident() {
    final String id = processId();
    conformance.deploy(
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .endEvent("reject", e -> e.error("NOBODY_CATCHES"))
            .done());
    final long instance = conformance.start(id, Map.of());

    final var incident = records.awaitIncidents(instance).get(0);
    assertThat(incident.elementId()).isEqualTo("reject");
    assertThat(incident.errorType()).isEqualTo("UNHANDLED_ERROR_EVENT");
    assertThat(incident.errorMessage()).contains("NOBODY_CATCHES");
  }

  @Test
  void aNonInterruptingEscalationBoundaryEventLetsTheSubProcessGoOn() {
    final String id = processId();
    conformance.deploy(
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .subProcess(
                "sub",
                sp ->
                    sp.embeddedSubProcess()
                        .startEvent()
                        .intermediateThrowEvent("raise", e -> e.escalation("MANAGER"))
                        .endEvent("subEnd"))
            .boundaryEvent("toManager", b -> b.escalation("MANAGER").cancelActivity(false))
            .endEvent("managerInformed")
            .moveToActivity("sub")
            .endEvent("done")
            .done());
    final long instance = conformance.start(id, Map.of());

    records.awaitCompleted(instance);
    assertThat(records.elements(instance, "ELEMENT_COMPLETED"))
        .contains("raise", "subEnd", "sub", "done", "toManager", "managerInformed");
  }

  @Test
  void anUncaughtEscalationLetsTheThrowEventContinue() {
    final String id = processId();
    conformance.deploy(
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .intermediateThrowEvent("raise", e -> e.escalation("NOBODY"))
            .endEvent("end")
            .done());
    final long instance = conformance.start(id, Map.of());

    records.awaitCompleted(instance);
    assertThat(records.of(instance))
        .filteredOn(e -> e.valueType().equals("ESCALATION"))
        .extracting(EngineRecords.Entry::intent)
        .containsExactly("NOT_ESCALATED");
  }

  @Test
  void aNonInterruptingTimerEventSubProcessRunsBesideTheMainFlow() {
    final String id = processId();
    conformance.deploy(
        Bpmn.createExecutableProcess(id)
            .eventSubProcess(
                "sla",
                esp ->
                    esp.startEvent("breach")
                        .timerWithDuration("PT4H")
                        .interrupting(false)
                        .serviceTask("notify", t -> t.zeebeJobType("notify-" + id))
                        .endEvent())
            .startEvent()
            .serviceTask("resolve", t -> t.zeebeJobType("resolve-" + id))
            .endEvent()
            .done());
    final long instance = conformance.start(id, Map.of());

    clock.advance(Duration.ofHours(4));
    conformance.complete(conformance.activateOne("notify-" + id), Map.of());
    conformance.complete(conformance.activateOne("resolve-" + id), Map.of());

    records.awaitCompleted(instance);
    assertThat(records.elements(instance, "ELEMENT_COMPLETED")).contains("breach", "notify", "sla");
  }

  @Test
  void anInterruptingMessageEventSubProcessCancelsWhatTheProcessWasDoing() {
    final String id = processId();
    final String message = "withdrawn-" + UUID.randomUUID();
    conformance.deploy(
        Bpmn.createExecutableProcess(id)
            .eventSubProcess(
                "withdraw",
                esp ->
                    esp.startEvent("withdrawn")
                        .message(m -> m.name(message).zeebeCorrelationKeyExpression("request"))
                        .endEvent("closed"))
            .startEvent()
            .serviceTask("fulfil", t -> t.zeebeJobType("fulfil-" + id))
            .endEvent()
            .done());
    final long instance = conformance.start(id, Map.of("request", "REQ1"));

    conformance.publish(message, "REQ1", Map.of());

    records.awaitCompleted(instance);
    assertThat(records.elements(instance, "ELEMENT_TERMINATED")).containsExactly("fulfil");
    assertThat(conformance.activate("fulfil-" + id, 1)).isEmpty();
  }

  @Test
  void aLinkThrowEventContinuesAtTheCatchLinkOfTheSameName() {
    final String id = processId();
    final String xml =
        """
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            id="d" targetNamespace="t">
          <bpmn:process id="%s" isExecutable="true">
            <bpmn:startEvent id="start"/>
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="goTo"/>
            <bpmn:intermediateThrowEvent id="goTo">
              <bpmn:linkEventDefinition id="l1" name="later"/>
            </bpmn:intermediateThrowEvent>
            <bpmn:intermediateCatchEvent id="arrive">
              <bpmn:linkEventDefinition id="l2" name="later"/>
            </bpmn:intermediateCatchEvent>
            <bpmn:sequenceFlow id="f2" sourceRef="arrive" targetRef="end"/>
            <bpmn:endEvent id="end"/>
          </bpmn:process>
        </bpmn:definitions>
        """
            .formatted(id);
    client.newDeployResourceCommand().addResourceStringUtf8(xml, id + ".bpmn").send().join();
    final long instance = conformance.start(id, Map.of());

    records.awaitCompleted(instance);
    assertThat(records.elements(instance, "ELEMENT_COMPLETED"))
        .containsSubsequence("goTo", "arrive", "end");
  }

  @Test
  void aJobBasedUserTaskCarriesItsAssignmentInZeebeHeaders() {
    final String id = processId();
    conformance.deploy(
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .userTask(
                "approve",
                u ->
                    u.zeebeAssigneeExpression("requester").zeebeCandidateGroups("agents, managers"))
            .endEvent()
            .done());
    final long instance = conformance.start(id, Map.of("requester", "ann"));

    final ActivatedJob job = conformance.activateOne("io.camunda.zeebe:userTask");
    assertThat(job.getCustomHeaders())
        .containsEntry("io.camunda.zeebe:assignee", "ann")
        .containsEntry("io.camunda.zeebe:candidateGroups", "[\"agents\",\"managers\"]");
    conformance.complete(job, Map.of("approved", true));
    records.awaitCompleted(instance);
  }
}
