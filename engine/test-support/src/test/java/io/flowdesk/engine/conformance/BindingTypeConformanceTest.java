package io.flowdesk.engine.conformance;

import static io.flowdesk.engine.conformance.Conformance.processId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.DeployResourceCommandStep1.DeployResourceCommandStep2;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.response.DeploymentEvent;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.response.UserTask;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeBindingType;
import io.flowdesk.engine.test.EngineRecords;
import io.flowdesk.engine.test.FlowdeskEngineTest;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Resource binding types ({@code bindingType} latest, deployment, versionTag) of call activities,
 * business rule tasks and user task forms, as Camunda 8.8's docs describe them.
 */
@FlowdeskEngineTest
class BindingTypeConformanceTest {

  CamundaClient client;
  EngineRecords records;
  Conformance conformance;

  @BeforeEach
  void setUp() {
    conformance = new Conformance(client);
  }

  /** A child process whose only task has the given job type, optionally version-tagged. */
  private static BpmnModelInstance child(final String id, final String jobType, final String tag) {
    var builder = Bpmn.createExecutableProcess(id);
    if (tag != null) {
      builder = builder.versionTag(tag);
    }
    return builder.startEvent().serviceTask("work", t -> t.zeebeJobType(jobType)).endEvent().done();
  }

  private static BpmnModelInstance caller(
      final String id, final String childId, final ZeebeBindingType type, final String tag) {
    return Bpmn.createExecutableProcess(id)
        .startEvent()
        .callActivity(
            "call",
            c -> {
              c.zeebeProcessId(childId).zeebeBindingType(type);
              if (tag != null) {
                c.zeebeVersionTag(tag);
              }
            })
        .endEvent()
        .done();
  }

  /** A DRG with one literal-expression decision answering {@code answer}. */
  private static String dmn(final String decisionId, final String tag, final String answer) {
    final String versionTag =
        tag == null
            ? ""
            : "<extensionElements><zeebe:versionTag value=\"" + tag + "\"/></extensionElements>";
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/"
                     xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"
                     id="drg-%1$s" name="Answers" namespace="https://flowdesk.io/test">
          <decision id="%1$s" name="Answer">
            %2$s
            <variable id="v-%1$s" name="answer" typeRef="string"/>
            <literalExpression id="e-%1$s"><text>"%3$s"</text></literalExpression>
          </decision>
        </definitions>
        """
        .formatted(decisionId, versionTag, answer);
  }

  private static BpmnModelInstance ruleTask(
      final String id, final String decisionId, final ZeebeBindingType type, final String tag) {
    return Bpmn.createExecutableProcess(id)
        .startEvent()
        .businessRuleTask(
            "rule",
            t -> {
              t.zeebeCalledDecisionId(decisionId).zeebeResultVariable("answer");
              t.zeebeBindingType(type);
              if (tag != null) {
                t.zeebeVersionTag(tag);
              }
            })
        .endEvent()
        .done();
  }

  private static String form(final String formId, final String tag, final String label) {
    return """
        {"id": "%s", %s"type": "default", "components": [
          {"key": "note", "label": "%s", "type": "textfield"}]}
        """
        .formatted(formId, tag == null ? "" : "\"versionTag\": \"" + tag + "\", ", label);
  }

  private static BpmnModelInstance formTask(
      final String id, final String formId, final ZeebeBindingType type, final String tag) {
    return Bpmn.createExecutableProcess(id)
        .startEvent()
        .userTask(
            "fill",
            t -> {
              t.zeebeUserTask().zeebeFormId(formId).zeebeFormBindingType(type);
              if (tag != null) {
                t.zeebeFormVersionTag(tag);
              }
            })
        .endEvent()
        .done();
  }

  private DeploymentEvent deployTogether(final Map<String, Object> resources) {
    DeployResourceCommandStep2 command = null;
    for (final var entry : resources.entrySet()) {
      final String name = entry.getKey();
      if (entry.getValue() instanceof BpmnModelInstance model) {
        command =
            command == null
                ? client.newDeployResourceCommand().addProcessModel(model, name)
                : command.addProcessModel(model, name);
      } else {
        final String text = (String) entry.getValue();
        command =
            command == null
                ? client
                    .newDeployResourceCommand()
                    .addResourceString(text, StandardCharsets.UTF_8, name)
                : command.addResourceString(text, StandardCharsets.UTF_8, name);
      }
    }
    return command.send().join();
  }

  private DeploymentEvent deploy(final String name, final Object resource) {
    return deployTogether(Map.of(name, resource));
  }

  private UserTask awaitTask(final long processInstanceKey) {
    final long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < until) {
      final List<UserTask> tasks =
          client
              .newUserTaskSearchRequest()
              .filter(f -> f.processInstanceKey(processInstanceKey).state(UserTaskState.CREATED))
              .send()
              .join()
              .items();
      if (!tasks.isEmpty()) {
        return tasks.get(0);
      }
    }
    throw new AssertionError(
        "no open user task in "
            + processInstanceKey
            + ": "
            + records.incidents(processInstanceKey));
  }

  private void resolve(final long incidentKey) {
    client.newResolveIncidentCommand(incidentKey).send().join();
  }

  // ---- call activities ----

  @Test
  void deploymentBindingCallsTheChildVersionDeployedWithTheParentEvenAfterANewerOne() {
    final String childId = processId();
    final String parentId = processId();
    final String firstType = "first-" + childId;
    deployTogether(
        Map.of(
            "parent.bpmn",
            caller(parentId, childId, ZeebeBindingType.deployment, null),
            "child.bpmn",
            child(childId, firstType, null)));
    deploy("child.bpmn", child(childId, "second-" + childId, null));

    final long instance = conformance.start(parentId, Map.of());

    final ActivatedJob job = conformance.activateOne(firstType);
    assertThat(job.getBpmnProcessId()).isEqualTo(childId);
    assertThat(job.getProcessDefinitionVersion()).isEqualTo(1);
    conformance.complete(job, Map.of());
    records.awaitCompleted(instance);
  }

  @Test
  void latestBindingCallsTheNewestChildVersion() {
    final String childId = processId();
    final String parentId = processId();
    deployTogether(
        Map.of(
            "parent.bpmn",
            caller(parentId, childId, ZeebeBindingType.latest, null),
            "child.bpmn",
            child(childId, "first-" + childId, null)));
    deploy("child.bpmn", child(childId, "second-" + childId, null));

    conformance.start(parentId, Map.of());

    assertThat(conformance.activateOne("second-" + childId).getProcessDefinitionVersion())
        .isEqualTo(2);
  }

  @Test
  void versionTagBindingCallsTheLatestChildVersionCarryingTheTag() {
    final String childId = processId();
    deploy("child.bpmn", child(childId, "old-" + childId, "v1"));
    deploy("child.bpmn", child(childId, "tagged-" + childId, "v1"));
    deploy("child.bpmn", child(childId, "newest-" + childId, "v2"));
    final String parentId =
        conformance.deploy(caller(processId(), childId, ZeebeBindingType.versionTag, "v1"));

    conformance.start(parentId, Map.of());

    final ActivatedJob job = conformance.activateOne("tagged-" + childId);
    assertThat(job.getProcessDefinitionVersion()).isEqualTo(2);
  }

  @Test
  void aMissingVersionTagRaisesAnIncidentThatDeployingTheTaggedChildResolves() {
    final String childId = processId();
    deploy("child.bpmn", child(childId, "untagged-" + childId, "v1"));
    final String parentId =
        conformance.deploy(caller(processId(), childId, ZeebeBindingType.versionTag, "v9"));
    final long instance = conformance.start(parentId, Map.of());

    final EngineRecords.Incident incident = records.awaitIncidents(instance).get(0);
    assertThat(incident.errorType()).isEqualTo("CALLED_ELEMENT_ERROR");
    assertThat(incident.elementId()).isEqualTo("call");
    assertThat(incident.errorMessage())
        .isEqualTo(
            "Expected to call process '"
                + childId
                + "' with version tag 'v9', but no such process is deployed.");

    deploy("child.bpmn", child(childId, "v9-" + childId, "v9"));
    resolve(incident.key());

    conformance.complete(conformance.activateOne("v9-" + childId), Map.of());
    records.awaitCompleted(instance);
  }

  @Test
  void aStaticDeploymentBindingToAProcessOutsideTheDeploymentIsRefused() {
    final String childId = processId();
    deploy("child.bpmn", child(childId, "child-" + childId, null));

    assertThatThrownBy(
            () ->
                deploy(
                    "parent.bpmn", caller(processId(), childId, ZeebeBindingType.deployment, null)))
        .satisfies(Rejected.as(Status.Code.INVALID_ARGUMENT))
        .hasMessageContaining("'call'")
        .hasMessageContaining("process with id '" + childId + "' in this deployment");
  }

  @Test
  void aDeploymentWithOneChangedResourceGivesEveryResourceANewVersion() {
    final String childId = processId();
    final String parentId = processId();
    // Built once each: the model builder gives generated elements random ids.
    final BpmnModelInstance parent = caller(parentId, childId, ZeebeBindingType.deployment, null);
    final BpmnModelInstance childA = child(childId, "a", null);
    deployTogether(Map.of("parent.bpmn", parent, "child.bpmn", childA));

    final DeploymentEvent unchanged =
        deployTogether(Map.of("parent.bpmn", parent, "child.bpmn", childA));
    final DeploymentEvent changed =
        deployTogether(Map.of("parent.bpmn", parent, "child.bpmn", child(childId, "b", null)));

    assertThat(unchanged.getProcesses()).allSatisfy(p -> assertThat(p.getVersion()).isEqualTo(1));
    assertThat(changed.getProcesses()).allSatisfy(p -> assertThat(p.getVersion()).isEqualTo(2));
  }

  @Test
  void theProcessDefinitionReportsItsVersionTag() {
    final String id = processId();
    final long key =
        deploy("tagged.bpmn", child(id, "t-" + id, "release-7"))
            .getProcesses()
            .get(0)
            .getProcessDefinitionKey();

    assertThat(client.newProcessDefinitionGetRequest(key).send().join().getVersionTag())
        .isEqualTo("release-7");
  }

  // ---- business rule tasks ----

  @Test
  void deploymentBindingEvaluatesTheDecisionDeployedWithTheProcess() {
    final String decisionId = processId();
    final String processId = processId();
    deployTogether(
        Map.of(
            "rule.bpmn",
            ruleTask(processId, decisionId, ZeebeBindingType.deployment, null),
            "answer.dmn",
            dmn(decisionId, null, "first")));
    deploy("answer.dmn", dmn(decisionId, null, "second"));

    final long instance = conformance.start(processId, Map.of());

    records.awaitCompleted(instance);
    assertThat(records.variable(instance, "answer")).isEqualTo("\"first\"");
  }

  @Test
  void versionTagBindingEvaluatesTheLatestDecisionCarryingTheTag() {
    final String decisionId = processId();
    deploy("answer.dmn", dmn(decisionId, "v1", "tagged"));
    deploy("answer.dmn", dmn(decisionId, "v2", "newest"));
    final String processId =
        conformance.deploy(ruleTask(processId(), decisionId, ZeebeBindingType.versionTag, "v1"));

    final long instance = conformance.start(processId, Map.of());

    records.awaitCompleted(instance);
    assertThat(records.variable(instance, "answer")).isEqualTo("\"tagged\"");
  }

  @Test
  void aMissingDecisionVersionTagRaisesAnIncidentThatDeployingTheTaggedDecisionResolves() {
    final String decisionId = processId();
    deploy("answer.dmn", dmn(decisionId, "v1", "v1"));
    final String processId =
        conformance.deploy(ruleTask(processId(), decisionId, ZeebeBindingType.versionTag, "v3"));
    final long instance = conformance.start(processId, Map.of());

    final EngineRecords.Incident incident = records.awaitIncidents(instance).get(0);
    assertThat(incident.errorType()).isEqualTo("CALLED_DECISION_ERROR");
    assertThat(incident.errorMessage())
        .isEqualTo(
            "Expected to evaluate decision '"
                + decisionId
                + "' with version tag 'v3', but no such decision is deployed");

    deploy("answer.dmn", dmn(decisionId, "v3", "third"));
    resolve(incident.key());

    records.awaitCompleted(instance);
    assertThat(records.variable(instance, "answer")).isEqualTo("\"third\"");
  }

  // ---- user task forms ----

  @Test
  void deploymentBindingLinksTheUserTaskToTheFormDeployedWithTheProcess() {
    final String formId = processId();
    final String processId = processId();
    final DeploymentEvent together =
        deployTogether(
            Map.of(
                "fill.bpmn",
                formTask(processId, formId, ZeebeBindingType.deployment, null),
                "fill.form",
                form(formId, null, "first")));
    deploy("fill.form", form(formId, null, "second"));

    final UserTask task = awaitTask(conformance.start(processId, Map.of()));

    final long boundKey = together.getForm().get(0).getFormKey();
    assertThat(task.getFormKey()).isEqualTo(boundKey);
    final var form = client.newUserTaskGetFormRequest(task.getUserTaskKey()).send().join();
    assertThat(form.getFormKey()).isEqualTo(boundKey);
    assertThat(form.getVersion()).isEqualTo(1);
  }

  @Test
  void versionTagBindingLinksTheUserTaskToTheLatestFormCarryingTheTag() {
    final String formId = processId();
    final long tagged =
        deploy("a.form", form(formId, "v1", "tagged")).getForm().get(0).getFormKey();
    deploy("a.form", form(formId, "v2", "newest"));
    final String processId =
        conformance.deploy(formTask(processId(), formId, ZeebeBindingType.versionTag, "v1"));

    final UserTask task = awaitTask(conformance.start(processId, Map.of()));

    assertThat(client.newUserTaskGetFormRequest(task.getUserTaskKey()).send().join().getFormKey())
        .isEqualTo(tagged);
  }

  @Test
  void aMissingFormVersionTagRaisesAnIncidentThatDeployingTheTaggedFormResolves() {
    final String formId = processId();
    deploy("a.form", form(formId, "v1", "v1"));
    final String processId =
        conformance.deploy(formTask(processId(), formId, ZeebeBindingType.versionTag, "v2"));
    final long instance = conformance.start(processId, Map.of());

    final EngineRecords.Incident incident = records.awaitIncidents(instance).get(0);
    assertThat(incident.errorType()).isEqualTo("FORM_NOT_FOUND");
    assertThat(incident.errorMessage())
        .startsWith(
            "Expected to find a form with id '"
                + formId
                + "' with version tag 'v2', but no such form is deployed");

    final long v2 = deploy("a.form", form(formId, "v2", "v2")).getForm().get(0).getFormKey();
    resolve(incident.key());

    assertThat(awaitTask(instance).getFormKey()).isEqualTo(v2);
  }
}
