package io.flowdesk.engine.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.DeploymentEvent;
import io.camunda.client.api.response.EvaluateDecisionResponse;
import io.camunda.client.api.response.Topology;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.flowdesk.engine.Engine;
import io.flowdesk.engine.test.EngineRecords;
import io.flowdesk.engine.test.FlowdeskEngineTest;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Deployment, decisions and bad input, through the real camunda client. */
@FlowdeskEngineTest
class DeploymentConformanceTest {

  CamundaClient client;
  EngineRecords records;
  Engine engine;

  private static String processId() {
    return "p" + UUID.randomUUID().toString().replace("-", "");
  }

  private static String bpmn(final String id) {
    return Bpmn.convertToString(Bpmn.createExecutableProcess(id).startEvent().endEvent().done());
  }

  @Test
  void topologyShowsOneBrokerLeadingPartitionOneAtTheGatewayPort() {
    final Topology topology = client.newTopologyRequest().send().join();
    assertThat(topology.getClusterSize()).isEqualTo(1);
    assertThat(topology.getPartitionsCount()).isEqualTo(1);
    assertThat(topology.getBrokers().get(0).getPartitions().get(0).isLeader()).isTrue();
    assertThat(topology.getBrokers().get(0).getPort())
        .as("the port the gateway listens on")
        .isEqualTo(engine.gatewayPort());
  }

  @Test
  void redeployingAnIdenticalResourceAnswersTheExistingVersion() {
    final String id = processId();
    final String xml = bpmn(id);
    final DeploymentEvent first =
        client
            .newDeployResourceCommand()
            .addResourceString(xml, StandardCharsets.UTF_8, "a.bpmn")
            .send()
            .join();
    final DeploymentEvent again =
        client
            .newDeployResourceCommand()
            .addResourceString(xml, StandardCharsets.UTF_8, "a.bpmn")
            .send()
            .join();
    final DeploymentEvent changed =
        client
            .newDeployResourceCommand()
            .addProcessModel(
                Bpmn.createExecutableProcess(id).startEvent().endEvent("other").done(), "a.bpmn")
            .send()
            .join();

    assertThat(first.getProcesses().get(0).getVersion()).isEqualTo(1);
    assertThat(again.getProcesses().get(0).getVersion()).isEqualTo(1);
    assertThat(again.getProcesses().get(0).getProcessDefinitionKey())
        .isEqualTo(first.getProcesses().get(0).getProcessDefinitionKey());
    assertThat(changed.getProcesses().get(0).getVersion()).isEqualTo(2);
  }

  @Test
  void aDeploymentWithOneBadResourceStoresNothing() {
    final String id = processId();
    assertThatThrownBy(
            () ->
                client
                    .newDeployResourceCommand()
                    .addResourceString(bpmn(id), StandardCharsets.UTF_8, "good.bpmn")
                    .addResourceString("<definitions", StandardCharsets.UTF_8, "broken.bpmn")
                    .send()
                    .join())
        .satisfies(Rejected.as(Status.Code.INVALID_ARGUMENT))
        .hasMessageContaining("'broken.bpmn'");

    assertThatThrownBy(
            () -> client.newCreateInstanceCommand().bpmnProcessId(id).latestVersion().send().join())
        .satisfies(Rejected.as(Status.Code.NOT_FOUND));
  }

  @Test
  void zeebeValidationErrorsAreAllListedWithTheirElementIds() {
    final String xml =
        Bpmn.convertToString(
            Bpmn.createExecutableProcess(processId())
                .startEvent()
                .serviceTask("noType")
                .serviceTask("alsoNoType")
                .endEvent()
                .done());
    assertThatThrownBy(
            () ->
                client
                    .newDeployResourceCommand()
                    .addResourceString(xml, StandardCharsets.UTF_8, "invalid.bpmn")
                    .send()
                    .join())
        .satisfies(Rejected.as(Status.Code.INVALID_ARGUMENT))
        .hasMessageContaining("Element: noType")
        .hasMessageContaining("Element: alsoNoType");
  }

  @Test
  void feelSyntaxErrorsAreRefusedAtDeployment() {
    final String xml =
        Bpmn.convertToString(
            Bpmn.createExecutableProcess(processId())
                .startEvent()
                .exclusiveGateway("g")
                .defaultFlow()
                .endEvent()
                .moveToNode("g")
                .conditionExpression("x >>> 1")
                .endEvent()
                .done());
    assertThatThrownBy(
            () ->
                client
                    .newDeployResourceCommand()
                    .addResourceString(xml, StandardCharsets.UTF_8, "feel.bpmn")
                    .send()
                    .join())
        .satisfies(Rejected.as(Status.Code.INVALID_ARGUMENT))
        .hasMessageContaining("failed to parse expression 'x >>> 1'");
  }

  @Test
  void externalEntitiesAreRefusedWithoutReadingThem() {
    final String xxe =
        "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
            + "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\">&e;</definitions>";
    assertThatThrownBy(
            () ->
                client
                    .newDeployResourceCommand()
                    .addResourceString(xxe, StandardCharsets.UTF_8, "xxe.bpmn")
                    .send()
                    .join())
        .satisfies(Rejected.as(Status.Code.INVALID_ARGUMENT))
        .hasMessageContaining("DOCTYPE")
        .hasMessageNotContaining("root:");
  }

  @Test
  void unsupportedResourceTypesAreNamed() {
    assertThatThrownBy(
            () ->
                client
                    .newDeployResourceCommand()
                    .addResourceString("hello", StandardCharsets.UTF_8, "notes.txt")
                    .send()
                    .join())
        .satisfies(Rejected.as(Status.Code.INVALID_ARGUMENT))
        .hasMessageContaining("'notes.txt'");
  }

  @Test
  void oversizedPayloadsAreRefused() {
    final String huge = "{\"blob\":\"" + "x".repeat(5 * 1024 * 1024) + "\"}";
    final String id = processId();
    client
        .newDeployResourceCommand()
        .addResourceString(bpmn(id), StandardCharsets.UTF_8, "a.bpmn")
        .send()
        .join();
    assertThatThrownBy(
            () ->
                client
                    .newCreateInstanceCommand()
                    .bpmnProcessId(id)
                    .latestVersion()
                    .variables(huge)
                    .send()
                    .join())
        .satisfies(Rejected.as(Status.Code.RESOURCE_EXHAUSTED));
  }

  @Test
  void formsAreDeployedAndVersionedByTheirId() {
    final String formId = "form-" + UUID.randomUUID();
    final String form = "{\"id\":\"" + formId + "\",\"components\":[]}";
    final DeploymentEvent deployed =
        client
            .newDeployResourceCommand()
            .addResourceString(form, StandardCharsets.UTF_8, "a.form")
            .send()
            .join();
    assertThat(deployed.getForm().get(0).getFormId()).isEqualTo(formId);
    assertThat(deployed.getForm().get(0).getVersion()).isEqualTo(1);
  }

  @Test
  void businessRuleTaskEvaluatesTheCalledDecisionAndEvaluateDecisionExplainsIt() {
    client.newDeployResourceCommand().addResourceFromClasspath("dmn/priority.dmn").send().join();
    final String id = processId();
    client
        .newDeployResourceCommand()
        .addProcessModel(
            Bpmn.createExecutableProcess(id)
                .startEvent()
                .businessRuleTask(
                    "prioritise",
                    t -> t.zeebeCalledDecisionId("priority").zeebeResultVariable("priority"))
                .endEvent()
                .done(),
            "rule.bpmn")
        .send()
        .join();

    final Map<String, Object> result =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId(id)
            .latestVersion()
            .variables(Map.of("impact", "high", "urgency", "high"))
            .withResult()
            .send()
            .join()
            .getVariablesAsMap();
    assertThat(result).containsEntry("priority", "P1");

    final EvaluateDecisionResponse evaluation =
        client
            .newEvaluateDecisionCommand()
            .decisionId("priority")
            .variables(Map.of("impact", "low", "urgency", "low"))
            .send()
            .join();
    assertThat(evaluation.getDecisionOutput()).isEqualTo("\"P5\"");
    assertThat(evaluation.getEvaluatedDecisions().get(0).getMatchedRules()).hasSize(1);
    assertThat(evaluation.getEvaluatedDecisions().get(0).getDecisionKey())
        .isEqualTo(evaluation.getDecisionKey());
    assertThat(evaluation.getEvaluatedDecisions().get(0).getDecisionVersion()).isEqualTo(1);
  }

  @Test
  void missingDecisionBecomesAnIncident() {
    final String id = processId();
    client
        .newDeployResourceCommand()
        .addProcessModel(
            Bpmn.createExecutableProcess(id)
                .startEvent()
                .businessRuleTask(
                    "rule", t -> t.zeebeCalledDecisionId("nowhere").zeebeResultVariable("r"))
                .endEvent()
                .done(),
            "r.bpmn")
        .send()
        .join();
    final long instance =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId(id)
            .latestVersion()
            .send()
            .join()
            .getProcessInstanceKey();
    assertThat(records.awaitIncidents(instance).get(0).errorType())
        .isEqualTo("CALLED_DECISION_ERROR");
  }

  @Test
  void deletedProcessCanNoLongerBeStarted() {
    final String id = processId();
    final long key =
        client
            .newDeployResourceCommand()
            .addResourceString(bpmn(id), StandardCharsets.UTF_8, "a.bpmn")
            .send()
            .join()
            .getProcesses()
            .get(0)
            .getProcessDefinitionKey();
    client.newDeleteResourceCommand(key).send().join();
    assertThatThrownBy(
            () -> client.newCreateInstanceCommand().bpmnProcessId(id).latestVersion().send().join())
        .satisfies(Rejected.as(Status.Code.NOT_FOUND));
  }
}
