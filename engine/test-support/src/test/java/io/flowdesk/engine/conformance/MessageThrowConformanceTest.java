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
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Message throw events, message end events and send tasks as Camunda 8.8 documents them: each is
 * carried out by a job of its {@code zeebe:taskDefinition} type, exactly as a service task is; the
 * element goes on (or, an end event, ends) when its job completes.
 */
@FlowdeskEngineTest
class MessageThrowConformanceTest {

  CamundaClient client;
  EngineRecords records;
  Conformance conformance;

  @BeforeEach
  void setUp() {
    conformance = new Conformance(client);
  }

  @Test
  void aMessageThrowEventWaitsForItsJobAndGoesOnWithTheJobsVariables() {
    final String id = processId();
    conformance.deploy(
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .intermediateThrowEvent(
                "announce",
                e ->
                    e.message("order-shipped")
                        .zeebeJobType("kafka-" + id)
                        .zeebeTaskHeader("topic", "orders"))
            .endEvent("done")
            .done());
    final long instance = conformance.start(id, Map.of("orderId", "o-1"));

    final ActivatedJob job = conformance.activateOne("kafka-" + id);
    assertThat(job.getElementId()).isEqualTo("announce");
    assertThat(job.getProcessInstanceKey()).isEqualTo(instance);
    assertThat(job.getCustomHeaders()).containsEntry("topic", "orders");
    assertThat(job.getVariablesAsMap()).containsEntry("orderId", "o-1");
    assertThat(records.elements(instance, "ELEMENT_ACTIVATED")).contains("announce");
    assertThat(records.elements(instance, "ELEMENT_COMPLETED")).doesNotContain("announce");

    conformance.complete(job, Map.of("published", true));

    records.awaitCompleted(instance);
    assertThat(records.elements(instance, "ELEMENT_COMPLETED")).contains("announce", "done");
    assertThat(records.variable(instance, "published")).isEqualTo("true");
  }

  @Test
  void aMessageEndEventEndsItsInstanceOnlyWhenItsJobCompletes() {
    final String id = processId();
    conformance.deploy(
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .endEvent("reply", e -> e.message("reply").zeebeJobType("reply-" + id))
            .done());
    final long instance = conformance.start(id, Map.of());

    final ActivatedJob job = conformance.activateOne("reply-" + id);
    assertThat(job.getElementId()).isEqualTo("reply");
    assertThat(records.stateOf(instance)).isEqualTo("ACTIVE");

    conformance.complete(job, Map.of());

    records.awaitCompleted(instance);
    assertThat(records.elements(instance, "ELEMENT_COMPLETED")).contains("reply");
  }

  @Test
  void anErrorThrownByAMessageEndEventsJobIsCaughtAroundIt() {
    final String id = processId();
    conformance.deploy(
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .subProcess(
                "notify",
                s ->
                    s.embeddedSubProcess()
                        .startEvent()
                        .endEvent("send", e -> e.message("notice").zeebeJobType("notice-" + id)))
            .boundaryEvent("unreachable", b -> b.error("UNREACHABLE"))
            .endEvent("fallback")
            .moveToActivity("notify")
            .endEvent("done")
            .done());
    final long instance = conformance.start(id, Map.of());

    client
        .newThrowErrorCommand(conformance.activateOne("notice-" + id).getKey())
        .errorCode("UNREACHABLE")
        .send()
        .join();

    records.awaitCompleted(instance);
    assertThat(records.elements(instance, "ELEMENT_TERMINATED")).contains("send", "notify");
    assertThat(records.elements(instance, "ELEMENT_COMPLETED"))
        .contains("unreachable", "fallback")
        .doesNotContain("done");
  }

  @Test
  void aMessageThrowEventsFailedJobRaisesAnIncidentAndResolvingItGoesOn() {
    final String id = processId();
    conformance.deploy(
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .intermediateThrowEvent(
                "announce",
                e -> e.message("announced").zeebeJobType("announce-" + id).zeebeJobRetries("1"))
            .endEvent()
            .done());
    final long instance = conformance.start(id, Map.of());
    final ActivatedJob job = conformance.activateOne("announce-" + id);

    client.newFailCommand(job.getKey()).retries(0).errorMessage("broker down").send().join();

    final EngineRecords.Incident incident = records.awaitIncidents(instance).get(0);
    assertThat(incident.errorType()).isEqualTo("JOB_NO_RETRIES");
    assertThat(incident.jobKey()).isEqualTo(job.getKey());
    client.newUpdateRetriesCommand(job.getKey()).retries(1).send().join();
    client.newResolveIncidentCommand(incident.key()).send().join();
    conformance.complete(conformance.activateOne("announce-" + id), Map.of());
    records.awaitCompleted(instance);
  }

  @Test
  void cancelingTheInstanceCancelsTheJobOfItsMessageThrowEvent() {
    final String id = processId();
    conformance.deploy(
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .intermediateThrowEvent(
                "announce", e -> e.message("announced").zeebeJobType("cancel-" + id))
            .endEvent()
            .done());
    final long instance = conformance.start(id, Map.of());

    client.newCancelInstanceCommand(instance).send().join();

    records.awaitState(instance, "TERMINATED");
    assertThat(records.elements(instance, "ELEMENT_TERMINATED")).contains("announce");
    assertThat(conformance.activate("cancel-" + id, 1)).isEmpty();
  }

  @Test
  void aSendTaskIsCarriedOutByAJobOfItsTypeWithItsMappings() {
    final String id = processId();
    conformance.deploy(
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .sendTask(
                "mail",
                t ->
                    t.zeebeJobType("mail-" + id)
                        .zeebeTaskHeader("template", "welcome")
                        .zeebeInputExpression("customer.email", "to")
                        .zeebeOutputExpression("messageId", "mailId"))
            .endEvent()
            .done());
    final long instance =
        conformance.start(id, Map.of("customer", Map.of("email", "ada@example.org")));

    final ActivatedJob job = conformance.activateOne("mail-" + id);
    assertThat(job.getElementId()).isEqualTo("mail");
    assertThat(job.getCustomHeaders()).containsEntry("template", "welcome");
    assertThat(job.getVariablesAsMap()).containsEntry("to", "ada@example.org");
    conformance.complete(job, Map.of("messageId", "m-42"));

    records.awaitCompleted(instance);
    assertThat(records.variable(instance, "mailId")).isEqualTo("\"m-42\"");
    assertThat(records.variable(instance, "messageId")).isNull();
  }

  @Test
  void aMessageThrowEventWithoutAJobTypeIsRefusedAtDeployment() {
    final String xml =
        Bpmn.convertToString(
            Bpmn.createExecutableProcess(processId())
                .startEvent()
                .intermediateThrowEvent("noType", e -> e.message("announced"))
                .endEvent("alsoNoType", e -> e.message("done"))
                .done());

    assertThatThrownBy(
            () ->
                client
                    .newDeployResourceCommand()
                    .addResourceString(xml, StandardCharsets.UTF_8, "no-type.bpmn")
                    .send()
                    .join())
        .satisfies(Rejected.as(Status.Code.INVALID_ARGUMENT))
        .hasMessageContaining("Element: noType")
        .hasMessageContaining("Element: alsoNoType")
        .hasMessageContaining("zeebe:taskDefinition");
  }
}
