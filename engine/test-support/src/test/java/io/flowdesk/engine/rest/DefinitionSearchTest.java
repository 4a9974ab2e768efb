package io.flowdesk.engine.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.response.DeploymentEvent;
import io.camunda.client.api.search.response.DecisionDefinition;
import io.camunda.client.api.search.response.DecisionRequirements;
import io.camunda.client.api.search.response.ElementInstance;
import io.camunda.client.api.search.response.Form;
import io.camunda.client.api.search.response.Incident;
import io.camunda.client.api.search.response.ProcessDefinition;
import io.camunda.client.api.search.response.ProcessInstance;
import io.camunda.client.api.search.response.ProcessInstanceCallHierarchyEntryResponse;
import io.camunda.client.api.search.response.Variable;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.flowdesk.engine.Engine;
import io.flowdesk.engine.test.ClientProtocol;
import io.flowdesk.engine.test.FlowdeskEngineTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Deployed definitions as operators and tools look them up: searched, read by key, as XML. */
@FlowdeskEngineTest(protocol = ClientProtocol.REST)
class DefinitionSearchTest {

  CamundaClient client;
  Engine engine;

  private static String uniqueId(final String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }

  private long deploy(final BpmnModelInstance process, final String resourceName) {
    return client
        .newDeployResourceCommand()
        .addProcessModel(process, resourceName)
        .send()
        .join()
        .getProcesses()
        .get(0)
        .getProcessDefinitionKey();
  }

  private static BpmnModelInstance passwordReset(final String id, final String endName) {
    return Bpmn.createExecutableProcess(id)
        .name("Reset password " + id)
        .versionTag("v-" + endName)
        .startEvent()
        .zeebeFormId("password-reset-request")
        .endEvent("end", e -> e.name(endName))
        .done();
  }

  @Test
  void processDefinitionsAreFoundByNameAndLatestVersionAndReadByKey() {
    final String id = uniqueId("reset");
    final long first = deploy(passwordReset(id, "first"), "reset.bpmn");
    final long second = deploy(passwordReset(id, "second"), "reset.bpmn");
    final String plainId = uniqueId("plain");
    final long plain =
        deploy(Bpmn.createExecutableProcess(plainId).startEvent().done(), "plain.bpmn");

    final List<ProcessDefinition> byName =
        client
            .newProcessDefinitionSearchRequest()
            .filter(f -> f.name("Reset password " + id))
            .sort(s -> s.version().desc())
            .send()
            .join()
            .items();
    final List<ProcessDefinition> latest =
        client
            .newProcessDefinitionSearchRequest()
            .filter(f -> f.processDefinitionId(id).isLatestVersion(true))
            .send()
            .join()
            .items();
    final ProcessDefinition read = client.newProcessDefinitionGetRequest(first).send().join();
    final ProcessDefinition plainRead = client.newProcessDefinitionGetRequest(plain).send().join();

    assertThat(byName)
        .extracting(ProcessDefinition::getProcessDefinitionKey)
        .containsExactly(second, first);
    assertThat(latest)
        .extracting(ProcessDefinition::getProcessDefinitionKey)
        .containsExactly(second);
    assertThat(read.getName()).isEqualTo("Reset password " + id);
    assertThat(read.getProcessDefinitionId()).isEqualTo(id);
    assertThat(read.getVersion()).isEqualTo(1);
    assertThat(read.getVersionTag()).isEqualTo("v-first");
    assertThat(read.getResourceName()).isEqualTo("reset.bpmn");
    assertThat(read.getHasStartForm()).isTrue();
    assertThat(plainRead.getName()).isNull();
    assertThat(plainRead.getHasStartForm()).isFalse();
  }

  @Test
  void aDeletedVersionIsNeitherFoundNorLatestAndItsPredecessorBecomesLatest() {
    final String id = uniqueId("deleted");
    final long first = deploy(passwordReset(id, "first"), "deleted.bpmn");
    final long second = deploy(passwordReset(id, "second"), "deleted.bpmn");

    client.newDeleteResourceCommand(second).send().join();

    assertThat(
            client
                .newProcessDefinitionSearchRequest()
                .filter(f -> f.processDefinitionId(id).isLatestVersion(true))
                .send()
                .join()
                .items())
        .extracting(ProcessDefinition::getProcessDefinitionKey)
        .containsExactly(first);
    assertThatThrownBy(() -> client.newProcessDefinitionGetRequest(second).send().join())
        .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.code()).isEqualTo(404));
    assertThatThrownBy(() -> client.newProcessDefinitionGetXmlRequest(second).send().join())
        .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.code()).isEqualTo(404));
  }

  @Test
  void theStartFormIsTheLatestVersionOfTheLinkedFormAndAProcessWithoutOneHasNone() {
    final String formId = uniqueId("request-form");
    deployForm(formId, "Describe the problem");
    final String id = uniqueId("request");
    final long withForm =
        deploy(
            Bpmn.createExecutableProcess(id).startEvent().zeebeFormId(formId).endEvent().done(),
            "request.bpmn");
    final long latestForm = deployForm(formId, "What is broken?");
    final long withoutForm =
        deploy(Bpmn.createExecutableProcess(uniqueId("plain")).startEvent().done(), "plain.bpmn");
    final long formMissing =
        deploy(
            Bpmn.createExecutableProcess(uniqueId("missing"))
                .startEvent()
                .zeebeFormId(uniqueId("never-deployed"))
                .done(),
            "missing.bpmn");

    final Form form = client.newProcessDefinitionGetFormRequest(withForm).send().join();

    assertThat(form.getFormKey()).isEqualTo(latestForm);
    assertThat(form.getFormId()).isEqualTo(formId);
    assertThat(form.getVersion()).isEqualTo(2);
    assertThat(form.getSchema().toString()).contains("What is broken?");
    // The client turns the empty answer into an empty form; the status says there is none.
    assertThat(Http.of(engine).get("/v2/process-definitions/" + withoutForm + "/form").status())
        .isEqualTo(204);
    assertThatThrownBy(() -> client.newProcessDefinitionGetFormRequest(formMissing).send().join())
        .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.code()).isEqualTo(404));
  }

  private long deployForm(final String formId, final String label) {
    final String form =
        """
        {"id": "%s", "type": "default", "components": [
          {"key": "summary", "label": "%s", "type": "textfield"}]}
        """
            .formatted(formId, label);
    return client
        .newDeployResourceCommand()
        .addResourceStringUtf8(form, formId + ".form")
        .send()
        .join()
        .getForm()
        .get(0)
        .getFormKey();
  }

  @Test
  void decisionDefinitionsAreFoundByRequirementsGraphAndReadWithTheirDmn() {
    final String graph = uniqueId("triage");
    final String dmn = twoDecisions(graph);
    final DeploymentEvent deployed =
        client.newDeployResourceCommand().addResourceStringUtf8(dmn, graph + ".dmn").send().join();
    final long graphKey = deployed.getDecisionRequirements().get(0).getDecisionRequirementsKey();

    final List<DecisionDefinition> found =
        client
            .newDecisionDefinitionSearchRequest()
            .filter(f -> f.decisionRequirementsKey(graphKey))
            .sort(s -> s.decisionDefinitionId().asc())
            .send()
            .join()
            .items();
    final DecisionDefinition impact =
        client.newDecisionDefinitionGetRequest(found.get(0).getDecisionKey()).send().join();
    final String xml =
        client.newDecisionDefinitionGetXmlRequest(found.get(1).getDecisionKey()).send().join();

    assertThat(found)
        .extracting(DecisionDefinition::getDmnDecisionId)
        .containsExactly(graph + "-impact", graph + "-urgency");
    assertThat(impact.getDmnDecisionName()).isEqualTo("Impact");
    assertThat(impact.getVersion()).isEqualTo(1);
    assertThat(impact.getDmnDecisionRequirementsId()).isEqualTo(graph);
    assertThat(impact.getDecisionRequirementsKey()).isEqualTo(graphKey);
    assertThat(xml.getBytes(StandardCharsets.UTF_8))
        .isEqualTo(dmn.getBytes(StandardCharsets.UTF_8));

    final DecisionRequirements requirements =
        client
            .newDecisionRequirementsSearchRequest()
            .filter(f -> f.decisionRequirementsId(graph))
            .send()
            .join()
            .items()
            .get(0);
    assertThat(requirements.getDecisionRequirementsKey()).isEqualTo(graphKey);
    assertThat(requirements.getDmnDecisionRequirementsName()).isEqualTo("Triage " + graph);
    assertThat(requirements.getResourceName()).isEqualTo(graph + ".dmn");
    assertThat(client.newDecisionRequirementsGetRequest(graphKey).send().join().getVersion())
        .isEqualTo(1);
    assertThat(client.newDecisionRequirementsGetXmlRequest(graphKey).send().join()).isEqualTo(dmn);
  }

  @Test
  void processInstancesNameTheirDefinitionAndTheInstanceThatCalledThem() {
    final String childId = uniqueId("child");
    deploy(
        Bpmn.createExecutableProcess(childId)
            .name("Child of " + childId)
            .versionTag("child-tag")
            .startEvent()
            .userTask("wait", t -> t.zeebeUserTask())
            .done(),
        "child.bpmn");
    final String parentId = uniqueId("parent");
    deploy(
        Bpmn.createExecutableProcess(parentId)
            .startEvent()
            .callActivity("call", c -> c.zeebeProcessId(childId))
            .done(),
        "parent.bpmn");
    final long parent =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId(parentId)
            .latestVersion()
            .send()
            .join()
            .getProcessInstanceKey();

    final List<ProcessInstance> children =
        client
            .newProcessInstanceSearchRequest()
            .filter(f -> f.parentProcessInstanceKey(parent))
            .send()
            .join()
            .items();

    assertThat(children).hasSize(1);
    final ProcessInstance child = children.get(0);
    assertThat(child.getProcessDefinitionId()).isEqualTo(childId);
    assertThat(child.getProcessDefinitionName()).isEqualTo("Child of " + childId);
    assertThat(child.getProcessDefinitionVersionTag()).isEqualTo("child-tag");
    assertThat(child.getParentProcessInstanceKey()).isEqualTo(parent);
    assertThat(child.getParentElementInstanceKey())
        .isEqualTo(
            client
                .newElementInstanceSearchRequest()
                .filter(f -> f.processInstanceKey(parent).elementId("call"))
                .send()
                .join()
                .items()
                .get(0)
                .getElementInstanceKey());
  }

  @Test
  void aCalledInstanceNamesItsAncestryAndItsIncidentIsFoundFromTheRoot() {
    final String childId = uniqueId("child");
    final String jobType = "fails-" + childId;
    deploy(
        Bpmn.createExecutableProcess(childId)
            .name("Restore backup")
            .startEvent()
            .serviceTask("restore", t -> t.zeebeJobType(jobType))
            .done(),
        "child.bpmn");
    final String rootId = uniqueId("root");
    deploy(
        Bpmn.createExecutableProcess(rootId)
            .name("Major incident")
            .startEvent()
            .callActivity("call", c -> c.zeebeProcessId(childId))
            .done(),
        "root.bpmn");
    final long root =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId(rootId)
            .latestVersion()
            .variables(Map.of("log", "x".repeat(9000)))
            .send()
            .join()
            .getProcessInstanceKey();
    final ActivatedJob job =
        client
            .newActivateJobsCommand()
            .jobType(jobType)
            .maxJobsToActivate(1)
            .requestTimeout(Duration.ofSeconds(5))
            .send()
            .join()
            .getJobs()
            .get(0);
    client.newFailCommand(job.getKey()).retries(0).errorMessage("disk full").send().join();
    final long child = job.getProcessInstanceKey();

    final List<ProcessInstanceCallHierarchyEntryResponse> ancestry =
        client.newProcessInstanceGetCallHierarchyRequest(child).send().join();
    final List<Incident> incidents =
        Awaitility.await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () -> client.newIncidentsByProcessInstanceSearchRequest(root).send().join().items(),
                found -> !found.isEmpty());
    final ElementInstance call =
        client
            .newElementInstanceGetRequest(
                client
                    .newElementInstanceSearchRequest()
                    .filter(f -> f.processInstanceKey(root).elementId("call"))
                    .send()
                    .join()
                    .items()
                    .get(0)
                    .getElementInstanceKey())
            .send()
            .join();
    final Variable log =
        client
            .newVariableGetRequest(
                client
                    .newVariableSearchRequest()
                    .filter(f -> f.processInstanceKey(root).name("log"))
                    .send()
                    .join()
                    .items()
                    .get(0)
                    .getVariableKey())
            .send()
            .join();

    assertThat(ancestry)
        .extracting(
            ProcessInstanceCallHierarchyEntryResponse::getProcessInstanceKey,
            ProcessInstanceCallHierarchyEntryResponse::getProcessDefinitionName)
        .containsExactly(tuple(root, "Major incident"), tuple(child, "Restore backup"));
    assertThat(incidents)
        .extracting(Incident::getProcessInstanceKey, Incident::getErrorMessage)
        .containsExactly(tuple(child, "disk full"));
    assertThat(client.newIncidentsByProcessInstanceSearchRequest(child).send().join().items())
        .hasSize(1);
    assertThat(call.getElementId()).isEqualTo("call");
    assertThat(call.getProcessInstanceKey()).isEqualTo(root);
    assertThat(log.getValue()).as("the whole value, quotes included").hasSize(9002);
    assertThatThrownBy(
            () -> client.newProcessInstanceGetCallHierarchyRequest(child + 1_000_000).send().join())
        .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.code()).isEqualTo(404));
  }

  private static String twoDecisions(final String graph) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/"
                     id="%1$s" name="Triage %1$s" namespace="https://flowdesk.io/test">
          <decision id="%1$s-urgency" name="Urgency">
            <literalExpression><text>"high"</text></literalExpression>
          </decision>
          <decision id="%1$s-impact" name="Impact">
            <literalExpression><text>"low"</text></literalExpression>
          </decision>
        </definitions>
        """
        .formatted(graph);
  }
}
