package io.flowdesk.engine.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientException;
import io.camunda.client.api.command.CreateProcessInstanceCommandStep1.CreateProcessInstanceCommandStep3;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.response.ProcessInstanceEvent;
import io.camunda.client.api.response.ProcessInstanceResult;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.flowdesk.engine.test.ClientProtocol;
import io.flowdesk.engine.test.EngineRecords;
import io.flowdesk.engine.test.FlowdeskEngineTest;
import io.grpc.Status;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** BPMN execution through the real camunda client, as Zeebe's docs describe it. */
@FlowdeskEngineTest
class ProcessExecutionConformanceTest {

  CamundaClient client;
  EngineRecords records;
  ClientProtocol protocol;

  private String deploy(final BpmnModelInstance model) {
    final String id =
        model
            .getModelElementsByType(io.camunda.zeebe.model.bpmn.instance.Process.class)
            .iterator()
            .next()
            .getId();
    client.newDeployResourceCommand().addProcessModel(model, id + ".bpmn").send().join();
    return id;
  }

  private static String processId() {
    return "p" + UUID.randomUUID().toString().replace("-", "");
  }

  private ProcessInstanceEvent start(final String processId, final Map<String, Object> variables) {
    return client
        .newCreateInstanceCommand()
        .bpmnProcessId(processId)
        .latestVersion()
        .variables(variables)
        .send()
        .join();
  }

  /** Creates an instance with one start instruction per element, in order. */
  private ProcessInstanceEvent startBefore(
      final String processId, final Map<String, Object> variables, final String... elementIds) {
    CreateProcessInstanceCommandStep3 create =
        client.newCreateInstanceCommand().bpmnProcessId(processId).latestVersion();
    for (final String elementId : elementIds) {
      create = create.startBeforeElement(elementId);
    }
    return create.variables(variables).send().join();
  }

  private ActivatedJob activateOne(final String type) {
    final List<ActivatedJob> jobs =
        client
            .newActivateJobsCommand()
            .jobType(type)
            .maxJobsToActivate(1)
            .requestTimeout(Duration.ofSeconds(10))
            .send()
            .join()
            .getJobs();
    assertThat(jobs).as("activated jobs of type %s", type).hasSize(1);
    return jobs.get(0);
  }

  @Test
  void serviceTaskJobCompletionVariablesArePropagatedAndTheInstanceCompletes() {
    final String id = processId();
    deploy(
        Bpmn.createExecutableProcess(id)
            .startEvent("start")
            .serviceTask("task", t -> t.zeebeJobType("work-" + id).zeebeTaskHeader("h", "v"))
            .endEvent("end")
            .done());
    final ProcessInstanceEvent instance = start(id, Map.of("input", 1));

    final ActivatedJob job = activateOne("work-" + id);
    assertThat(job.getVariablesAsMap()).containsEntry("input", 1);
    assertThat(job.getCustomHeaders()).containsEntry("h", "v");
    assertThat(job.getProcessInstanceKey()).isEqualTo(instance.getProcessInstanceKey());
    assertThat(job.getBpmnProcessId()).isEqualTo(id);
    client.newCompleteCommand(job.getKey()).variables(Map.of("result", "done")).send().join();

    records.awaitCompleted(instance.getProcessInstanceKey());
    assertThat(records.elements(instance.getProcessInstanceKey(), "ELEMENT_COMPLETED"))
        .containsExactly("start", "task", "end", id);
    assertThat(records.variable(instance.getProcessInstanceKey(), "result")).isEqualTo("\"done\"");
  }

  @Test
  void keysEncodePartitionOneLikeZeebe() {
    final String id = processId();
    deploy(Bpmn.createExecutableProcess(id).startEvent().endEvent().done());
    final long key = start(id, Map.of()).getProcessInstanceKey();
    assertThat(key >> 51).isEqualTo(1);
  }

  @Test
  void exclusiveGatewayTakesTheFirstTrueConditionElseTheDefaultFlow() {
    final String id = processId();
    deploy(
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .exclusiveGateway("split")
            .defaultFlow()
            .endEvent("small")
            .moveToNode("split")
            .conditionExpression("amount > 100")
            .endEvent("big")
            .done());

    final long big = start(id, Map.of("amount", 500)).getProcessInstanceKey();
    final long small = start(id, Map.of("amount", 5)).getProcessInstanceKey();

    records.awaitCompleted(big);
    records.awaitCompleted(small);
    assertThat(records.elements(big, "ELEMENT_COMPLETED")).contains("big").doesNotContain("small");
    assertThat(records.elements(small, "ELEMENT_COMPLETED"))
        .contains("small")
        .doesNotContain("big");
  }

  @Test
  void exclusiveGatewayWithoutMatchingConditionRaisesAnIncident() {
    final String id = processId();
    deploy(
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .exclusiveGateway("split")
            .conditionExpression("x = 1")
            .endEvent()
            .done());
    final long instance = start(id, Map.of("x", 2)).getProcessInstanceKey();

    final EngineRecords.Incident incident = records.awaitIncidents(instance).get(0);
    assertThat(incident.errorType()).isEqualTo("CONDITION_ERROR");
    assertThat(incident.elementId()).isEqualTo("split");

    client.newSetVariablesCommand(instance).variables(Map.of("x", 1)).send().join();
    client.newResolveIncidentCommand(incident.key()).send().join();
    records.awaitCompleted(instance);
  }

  @Test
  void parallelJoinWaitsForEveryIncomingFlow() {
    final String id = processId();
    deploy(
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .parallelGateway("fork")
            .serviceTask("a", t -> t.zeebeJobType("a-" + id))
            .parallelGateway("join")
            .endEvent("end")
            .moveToNode("fork")
            .serviceTask("b", t -> t.zeebeJobType("b-" + id))
            .connectTo("join")
            .done());
    final long instance = start(id, Map.of()).getProcessInstanceKey();

    client.newCompleteCommand(activateOne("a-" + id).getKey()).send().join();
    assertThat(records.elements(instance, "ELEMENT_ACTIVATED")).doesNotContain("join");

    client.newCompleteCommand(activateOne("b-" + id).getKey()).send().join();
    records.awaitCompleted(instance);
    assertThat(records.elements(instance, "ELEMENT_COMPLETED")).containsOnlyOnce("join", "end");
  }

  @Test
  void inclusiveGatewayForksOnEveryTrueConditionAndJoinsOnlyThose() {
    final String id = processId();
    deploy(
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .inclusiveGateway("fork")
            .conditionExpression("a")
            .serviceTask("taskA", t -> t.zeebeJobType("ia-" + id))
            .inclusiveGateway("join")
            .endEvent()
            .moveToNode("fork")
            .conditionExpression("b")
            .serviceTask("taskB", t -> t.zeebeJobType("ib-" + id))
            .connectTo("join")
            .moveToNode("fork")
            .conditionExpression("c")
            .serviceTask("taskC", t -> t.zeebeJobType("ic-" + id))
            .connectTo("join")
            .done());
    final long instance =
        start(id, Map.of("a", true, "b", true, "c", false)).getProcessInstanceKey();

    client.newCompleteCommand(activateOne("ia-" + id).getKey()).send().join();
    assertThat(records.stateOf(instance)).isEqualTo("ACTIVE");
    client.newCompleteCommand(activateOne("ib-" + id).getKey()).send().join();

    records.awaitCompleted(instance);
    assertThat(records.elements(instance, "ELEMENT_ACTIVATED"))
        .doesNotContain("taskC")
        .containsOnlyOnce("join");
  }

  @Test
  void terminateEndEventEndsEveryOtherBranchAndItsJobs() {
    final String id = processId();
    deploy(
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .parallelGateway("fork")
            .serviceTask("waiting", t -> t.zeebeJobType("never-" + id))
            .endEvent()
            .moveToNode("fork")
            .endEvent("kill", e -> e.terminate())
            .done());
    final long instance = start(id, Map.of()).getProcessInstanceKey();

    records.awaitCompleted(instance);
    assertThat(records.elements(instance, "ELEMENT_TERMINATED")).containsExactly("waiting");
    assertThat(
            client
                .newActivateJobsCommand()
                .jobType("never-" + id)
                .maxJobsToActivate(1)
                .requestTimeout(Duration.ofMillis(100))
                .send()
                .join()
                .getJobs())
        .isEmpty();
  }

  @Test
  void inputAndOutputMappingsShapeTheTaskScope() {
    final String id = processId();
    deploy(
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .serviceTask(
                "task",
                t ->
                    t.zeebeJobType("io-" + id)
                        .zeebeInputExpression("order.id", "orderId")
                        .zeebeOutputExpression("status + \"!\"", "orderStatus"))
            .endEvent()
            .done());
    final long instance = start(id, Map.of("order", Map.of("id", "A-1"))).getProcessInstanceKey();

    final ActivatedJob job = activateOne("io-" + id);
    assertThat(job.getVariablesAsMap()).containsEntry("orderId", "A-1");
    client.newCompleteCommand(job.getKey()).variables(Map.of("status", "shipped")).send().join();

    records.awaitCompleted(instance);
    assertThat(records.variable(instance, "orderStatus")).isEqualTo("\"shipped!\"");
    assertThat(records.variable(instance, "status"))
        .as("job variable stays local with output mappings")
        .isNull();
  }

  @Test
  void scriptTaskEvaluatesFeelIntoItsResultVariable() {
    final String id = processId();
    deploy(
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .scriptTask("calc", s -> s.zeebeExpression("a * b").zeebeResultVariable("product"))
            .endEvent()
            .done());
    final ProcessInstanceResult result =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId(id)
            .latestVersion()
            .variables(Map.of("a", 6, "b", 7))
            .withResult()
            .send()
            .join();
    assertThat(result.getVariablesAsMap()).containsEntry("product", 42);
  }

  @Test
  void createWithResultAnswersOnlyTheFetchedVariables() {
    final String id = processId();
    deploy(Bpmn.createExecutableProcess(id).startEvent().endEvent().done());
    final ProcessInstanceResult result =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId(id)
            .latestVersion()
            .variables(Map.of("keep", 1, "drop", 2))
            .withResult()
            .fetchVariables("keep")
            .send()
            .join();
    assertThat(result.getVariablesAsMap()).containsOnlyKeys("keep");
  }

  @Test
  void createWithResultThatDoesNotCompleteInTimeIsDeadlineExceeded() {
    final String id = processId();
    deploy(
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .serviceTask("task", t -> t.zeebeJobType("slow-" + id))
            .endEvent()
            .done());
    assertThatThrownBy(
            () ->
                client
                    .newCreateInstanceCommand()
                    .bpmnProcessId(id)
                    .latestVersion()
                    .withResult()
                    .requestTimeout(Duration.ofMillis(500))
                    .send()
                    .join())
        .satisfies(Rejected.as(Status.Code.DEADLINE_EXCEEDED));
  }

  @Test
  void cancelTerminatesTheInstanceAndItsJobs() {
    final String id = processId();
    deploy(
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .serviceTask("task", t -> t.zeebeJobType("c-" + id))
            .endEvent()
            .done());
    final long instance = start(id, Map.of()).getProcessInstanceKey();

    client.newCancelInstanceCommand(instance).send().join();

    assertThat(records.stateOf(instance)).isEqualTo("TERMINATED");
    assertThat(records.elements(instance, "ELEMENT_TERMINATED")).containsExactly("task", id);
    assertThatThrownBy(() -> client.newCancelInstanceCommand(instance).send().join())
        .satisfies(Rejected.as(Status.Code.NOT_FOUND));
  }

  @Test
  void setVariablesLocalStaysInTheScopeAndPropagatingReachesTheProcess() {
    final String id = processId();
    deploy(
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .serviceTask("task", t -> t.zeebeJobType("v-" + id))
            .endEvent()
            .done());
    final long instance = start(id, Map.of()).getProcessInstanceKey();
    final ActivatedJob job = activateOne("v-" + id);

    client
        .newSetVariablesCommand(job.getElementInstanceKey())
        .variables(Map.of("local", 1))
        .local(true)
        .send()
        .join();
    client
        .newSetVariablesCommand(job.getElementInstanceKey())
        .variables(Map.of("global", 2))
        .local(false)
        .send()
        .join();
    client.newCompleteCommand(job.getKey()).send().join();

    records.awaitCompleted(instance);
    assertThat(records.variable(instance, "global")).isEqualTo("2");
    assertThat(records.variable(instance, "local")).isNull();
  }

  @Test
  void instancesStartByDefinitionKeyAndByExplicitVersion() {
    final String id = processId();
    final long v1 =
        client
            .newDeployResourceCommand()
            .addProcessModel(
                Bpmn.createExecutableProcess(id).startEvent().endEvent("one").done(), "a.bpmn")
            .send()
            .join()
            .getProcesses()
            .get(0)
            .getProcessDefinitionKey();
    client
        .newDeployResourceCommand()
        .addProcessModel(
            Bpmn.createExecutableProcess(id).startEvent().endEvent("two").done(), "a.bpmn")
        .send()
        .join();

    assertThat(
            client.newCreateInstanceCommand().processDefinitionKey(v1).send().join().getVersion())
        .isEqualTo(1);
    assertThat(
            client
                .newCreateInstanceCommand()
                .bpmnProcessId(id)
                .version(1)
                .send()
                .join()
                .getProcessDefinitionKey())
        .isEqualTo(v1);
    assertThat(
            client
                .newCreateInstanceCommand()
                .bpmnProcessId(id)
                .latestVersion()
                .send()
                .join()
                .getVersion())
        .isEqualTo(2);
  }

  @Test
  void unknownProcessIdVersionOrKeyIsNotFound() {
    assertThatThrownBy(
            () ->
                client
                    .newCreateInstanceCommand()
                    .bpmnProcessId("nope")
                    .latestVersion()
                    .send()
                    .join())
        .satisfies(Rejected.as(Status.Code.NOT_FOUND))
        .hasMessageContaining("'nope'");
    assertThatThrownBy(
            () ->
                client
                    .newCreateInstanceCommand()
                    .processDefinitionKey(2251799813685248L + 999_999_999L)
                    .send()
                    .join())
        .satisfies(Rejected.as(Status.Code.NOT_FOUND));
  }

  @Test
  void variablesThatAreNotAJsonObjectAreRefused() {
    final String id = processId();
    deploy(Bpmn.createExecutableProcess(id).startEvent().endEvent().done());
    if (protocol == ClientProtocol.GRPC) {
      assertThatThrownBy(
              () ->
                  client
                      .newCreateInstanceCommand()
                      .bpmnProcessId(id)
                      .latestVersion()
                      .variables("[1, 2]")
                      .send()
                      .join())
          .satisfies(Rejected.as(Status.Code.INVALID_ARGUMENT))
          .hasMessageContaining("as a JSON object, but found a JSON array");
    } else {
      // Over REST the client turns the variables into a map itself and refuses before sending;
      // RestApiTest shows the engine's own refusal of such a body.
      assertThatThrownBy(
              () ->
                  client
                      .newCreateInstanceCommand()
                      .bpmnProcessId(id)
                      .latestVersion()
                      .variables("[1, 2]")
                      .send()
                      .join())
          .isInstanceOf(ClientException.class)
          .hasMessageContaining("Map<String, Object>");
    }
    assertThat(records.instancesOf(id)).isEmpty();
  }

  @Test
  void startInstructionsStartTheInstanceBeforeTheirElementsInsteadOfAtTheStartEvent() {
    final String id = processId();
    deploy(
        Bpmn.createExecutableProcess(id)
            .startEvent("start")
            .serviceTask("review", t -> t.zeebeJobType("review-" + id))
            .serviceTask("approve", t -> t.zeebeJobType("approve-" + id))
            .subProcess(
                "ship",
                sub ->
                    sub.embeddedSubProcess()
                        .startEvent("shipStart")
                        .serviceTask("pack", t -> t.zeebeJobType("pack-" + id))
                        .serviceTask("send", t -> t.zeebeJobType("send-" + id))
                        .endEvent("shipEnd"))
            .endEvent("end")
            .done());

    final long instance =
        startBefore(id, Map.of("order", "o-1"), "approve", "send").getProcessInstanceKey();

    // Two tokens: one before "approve", one inside the sub-process, which is entered without its
    // start event; the variables are the instance's.
    final ActivatedJob approve = activateOne("approve-" + id);
    assertThat(approve.getVariablesAsMap()).containsEntry("order", "o-1");
    final ActivatedJob send = activateOne("send-" + id);
    assertThat(records.elements(instance, "ELEMENT_ACTIVATED"))
        .contains(id, "approve", "ship", "send")
        .doesNotContain("start", "review", "shipStart", "pack");
    client.newCompleteCommand(send.getKey()).send().join();
    client.newCompleteCommand(approve.getKey()).send().join();
    // "approve" goes on into the sub-process, now from its start event.
    client.newCompleteCommand(activateOne("pack-" + id).getKey()).send().join();
    client.newCompleteCommand(activateOne("send-" + id).getKey()).send().join();
    records.awaitCompleted(instance);
    assertThat(records.elements(instance, "ELEMENT_COMPLETED"))
        .containsSubsequence("send", "shipEnd", "ship", "approve", "shipStart", "pack")
        .endsWith(id);
  }

  @Test
  void startInstructionsWithAnElementThatCannotStartCreateNothing() {
    final String id = processId();
    deploy(
        Bpmn.createExecutableProcess(id)
            .startEvent("start")
            .serviceTask("task", t -> t.zeebeJobType("task-" + id))
            .boundaryEvent("late", b -> b.timerWithDuration("PT1H"))
            .endEvent()
            .moveToActivity("task")
            .endEvent("end")
            .done());

    assertThatThrownBy(() -> startBefore(id, Map.of(), "task", "missing"))
        .satisfies(Rejected.as(Status.Code.INVALID_ARGUMENT))
        .hasMessageContaining(
            "Expected to create instance of process '"
                + id
                + "' with start instructions, but it contains one or more start instructions"
                + " with an element that could not be found: 'missing'");
    assertThatThrownBy(() -> startBefore(id, Map.of(), "late"))
        .satisfies(Rejected.as(Status.Code.INVALID_ARGUMENT))
        .hasMessageContaining("with an element that is not supported: 'late' is a boundary event");
    assertThat(records.instancesOf(id)).isEmpty();
  }

  @Test
  void feelEvaluationFailureAtRunTimeBecomesAnIncidentNotACrash() {
    final String id = processId();
    deploy(
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .serviceTask("task", t -> t.zeebeJobTypeExpression("jobType"))
            .endEvent()
            .done());
    final long instance = start(id, Map.of()).getProcessInstanceKey();

    final EngineRecords.Incident incident = records.awaitIncidents(instance).get(0);
    assertThat(incident.errorType()).isEqualTo("EXTRACT_VALUE_ERROR");
    assertThat(incident.errorMessage()).contains("STRING").contains("NULL");
  }
}
