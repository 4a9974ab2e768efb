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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Call activities as Zeebe's docs describe them: child instances, variables, cancellation. */
@FlowdeskEngineTest
class CallActivityConformanceTest {

  CamundaClient client;
  EngineRecords records;
  Conformance conformance;

  @BeforeEach
  void setUp() {
    conformance = new Conformance(client);
  }

  private String deployChild(final String jobType) {
    return conformance.deploy(
        Bpmn.createExecutableProcess(processId())
            .startEvent()
            .serviceTask("childWork", t -> t.zeebeJobType(jobType))
            .endEvent()
            .done());
  }

  @Test
  void aCallActivityRunsTheChildWithTheParentsVariablesAndTakesBackAllOfItsVariables() {
    final String child = deployChild("child-" + processId());
    final String jobType = "child-" + child;
    final String childId = deployChild(jobType);
    final String parent =
        conformance.deploy(
            Bpmn.createExecutableProcess(processId())
                .startEvent()
                .callActivity("call", c -> c.zeebeProcessIdExpression("calledId"))
                .endEvent()
                .done());
    final long instance = conformance.start(parent, Map.of("calledId", childId, "order", 5));

    final ActivatedJob job = conformance.activateOne(jobType);
    assertThat(job.getVariablesAsMap()).containsEntry("order", 5);
    assertThat(job.getBpmnProcessId()).isEqualTo(childId);
    conformance.complete(job, Map.of("shipped", true));

    records.awaitCompleted(instance);
    assertThat(records.variable(instance, "shipped")).isEqualTo("true");
    assertThat(records.instancesOf(childId)).hasSize(1);
    records.awaitCompleted(records.instancesOf(childId).get(0));
  }

  @Test
  void withoutPropagationOnlyTheMappedVariablesCrossTheCallActivity() {
    final String jobType = "child-" + processId();
    final String childId = deployChild(jobType);
    final String parent =
        conformance.deploy(
            Bpmn.createExecutableProcess(processId())
                .startEvent()
                .callActivity(
                    "call",
                    c ->
                        c.zeebeProcessId(childId)
                            .zeebePropagateAllParentVariables(false)
                            .zeebeInputExpression("order", "item")
                            .zeebeOutputExpression("result", "outcome"))
                .endEvent()
                .done());
    final long instance = conformance.start(parent, Map.of("order", 5, "secret", "x"));

    final ActivatedJob job = conformance.activateOne(jobType);
    assertThat(job.getVariablesAsMap()).containsEntry("item", 5).doesNotContainKey("secret");
    conformance.complete(job, Map.of("result", "ok", "noise", 1));

    records.awaitCompleted(instance);
    assertThat(records.variable(instance, "outcome")).isEqualTo("\"ok\"");
    assertThat(records.variable(instance, "noise")).isNull();
  }

  @Test
  void cancellingTheParentCancelsTheChildAndItsJobs() {
    final String jobType = "child-" + processId();
    final String childId = deployChild(jobType);
    final String parent =
        conformance.deploy(
            Bpmn.createExecutableProcess(processId())
                .startEvent()
                .callActivity("call", c -> c.zeebeProcessId(childId))
                .endEvent()
                .done());
    final long instance = conformance.start(parent, Map.of());
    final long child = records.instancesOf(childId).get(0);

    assertThatThrownBy(() -> client.newCancelInstanceCommand(child).send().join())
        .satisfies(Rejected.as(Status.Code.FAILED_PRECONDITION))
        .hasMessageContaining("root process instance");
    client.newCancelInstanceCommand(instance).send().join();

    assertThat(records.stateOf(instance)).isEqualTo("TERMINATED");
    assertThat(records.stateOf(child)).isEqualTo("TERMINATED");
    assertThat(conformance.activate(jobType, 1)).isEmpty();
  }

  @Test
  void anErrorTheChildDoesNotCatchIsCaughtByABoundaryEventOnTheCallActivity() {
    final String jobType = "child-" + processId();
    final String childId = deployChild(jobType);
    final String parent =
        conformance.deploy(
            Bpmn.createExecutableProcess(processId())
                .startEvent()
                .callActivity("call", c -> c.zeebeProcessId(childId))
                .boundaryEvent("failed", b -> b.error("DENIED"))
                .endEvent("viaError")
                .moveToActivity("call")
                .endEvent("done")
                .done());
    final long instance = conformance.start(parent, Map.of());

    client
        .newThrowErrorCommand(conformance.activateOne(jobType).getKey())
        .errorCode("DENIED")
        .send()
        .join();

    records.awaitCompleted(instance);
    assertThat(records.elements(instance, "ELEMENT_COMPLETED")).contains("failed", "viaError");
    assertThat(records.stateOf(records.instancesOf(childId).get(0))).isEqualTo("TERMINATED");
  }

  @Test
  void callingAProcessThatIsNotDeployedRaisesAnIncident() {
    final String parent =
        conformance.deploy(
            Bpmn.createExecutableProcess(processId())
                .startEvent()
                .callActivity("call", c -> c.zeebeProcessId("nowhere-" + processId()))
                .endEvent()
                .done());
    final long instance = conformance.start(parent, Map.of());

    final var incident = records.awaitIncidents(instance).get(0);
    assertThat(incident.errorType()).isEqualTo("CALLED_ELEMENT_ERROR");
    assertThat(incident.errorMessage()).contains("nowhere-").contains("to be deployed");
  }

  @Test
  void aMultiInstanceCallActivityStartsOneChildPerItem() {
    final String jobType = "child-" + processId();
    final String childId = deployChild(jobType);
    final String parent =
        conformance.deploy(
            Bpmn.createExecutableProcess(processId())
                .startEvent()
                .callActivity(
                    "call",
                    c ->
                        c.zeebeProcessId(childId)
                            .multiInstance(
                                m ->
                                    m.parallel()
                                        .zeebeInputCollectionExpression("[\"a\", \"b\"]")
                                        .zeebeInputElement("item")))
                .endEvent()
                .done());
    final long instance = conformance.start(parent, Map.of());

    final var jobs = conformance.activate(jobType, 10);
    assertThat(jobs)
        .extracting(j -> j.getVariablesAsMap().get("item"))
        .containsExactlyInAnyOrder("a", "b");
    jobs.forEach(job -> conformance.complete(job, Map.of()));

    records.awaitCompleted(instance);
    assertThat(records.instancesOf(childId)).hasSize(2);
  }
}
