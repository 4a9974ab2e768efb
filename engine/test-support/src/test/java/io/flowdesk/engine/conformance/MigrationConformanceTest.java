package io.flowdesk.engine.conformance;

import static io.flowdesk.engine.conformance.Conformance.processId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.MigrateProcessInstanceCommandStep1.MigrateProcessInstanceCommandFinalStep;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.response.UserTask;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.flowdesk.engine.test.EngineRecords;
import io.flowdesk.engine.test.FlowdeskEngineTest;
import io.grpc.Status;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Process instance migration as Camunda 8.8 documents it: active elements move to the elements
 * their mapping instructions name, keeping keys, variables, jobs, user tasks and subscriptions; a
 * plan the instance cannot follow is refused as a whole, naming each problem, and changes nothing.
 */
@FlowdeskEngineTest
class MigrationConformanceTest {

  CamundaClient client;
  EngineRecords records;
  Conformance conformance;

  @BeforeEach
  void setUp() {
    conformance = new Conformance(client);
  }

  private long deploy(final BpmnModelInstance model) {
    return client
        .newDeployResourceCommand()
        .addProcessModel(model, "migration.bpmn")
        .send()
        .join()
        .getProcesses()
        .get(0)
        .getProcessDefinitionKey();
  }

  /** Starts an instance of exactly this version (later versions are deployed before it starts). */
  private long start(final long definitionKey, final Map<String, Object> variables) {
    return client
        .newCreateInstanceCommand()
        .processDefinitionKey(definitionKey)
        .variables(variables)
        .send()
        .join()
        .getProcessInstanceKey();
  }

  private MigrateProcessInstanceCommandFinalStep migrate(
      final long instance, final long target, final String... sourceAndTarget) {
    MigrateProcessInstanceCommandFinalStep command = null;
    for (int i = 0; i < sourceAndTarget.length; i += 2) {
      command =
          command == null
              ? client
                  .newMigrateProcessInstanceCommand(instance)
                  .migrationPlan(target)
                  .addMappingInstruction(sourceAndTarget[i], sourceAndTarget[i + 1])
              : command.addMappingInstruction(sourceAndTarget[i], sourceAndTarget[i + 1]);
    }
    return command;
  }

  private long createdJobOf(final long instance, final String elementId) {
    return records.of(instance).stream()
        .filter(
            r ->
                r.valueType().equals("JOB")
                    && r.intent().equals("CREATED")
                    && elementId.equals(r.elementId()))
        .findFirst()
        .orElseThrow()
        .key();
  }

  /** {@code start -> service task "task" (job type, header) -> end}. */
  private static BpmnModelInstance oneTask(final String id, final String type) {
    return Bpmn.createExecutableProcess(id)
        .startEvent()
        .serviceTask("task", t -> t.zeebeJobType(type).zeebeTaskHeader("step", "one"))
        .endEvent()
        .done();
  }

  /** The refused instance still runs its first version: its job, type and definition unchanged. */
  private void assertStillOnSource(
      final long instance, final String type, final long sourceKey, final String elementId) {
    final ActivatedJob job = conformance.activateOne(type);
    assertThat(job.getProcessInstanceKey()).isEqualTo(instance);
    assertThat(job.getProcessDefinitionKey()).isEqualTo(sourceKey);
    assertThat(job.getElementId()).isEqualTo(elementId);
    assertThat(records.elements(instance, "ELEMENT_MIGRATED")).isEmpty();
  }

  // ---- migrations that succeed

  @Test
  void aServiceTasksJobKeepsItsKeyAndTakesTheTargetsTypeHeadersAndDefinition() {
    final String id = processId();
    final long source = deploy(oneTask(id, "old-" + id));
    final long target =
        deploy(
            Bpmn.createExecutableProcess(id)
                .startEvent()
                .serviceTask(
                    "renamed", t -> t.zeebeJobType("new-" + id).zeebeTaskHeader("step", "two"))
                .serviceTask("added", t -> t.zeebeJobType("added-" + id))
                .endEvent()
                .done());
    final long instance = start(source, Map.of("order", 7));
    final long jobKey = createdJobOf(instance, "task");

    migrate(instance, target, "task", "renamed").send().join();

    assertThat(conformance.activate("old-" + id, 1)).isEmpty();
    final ActivatedJob job = conformance.activateOne("new-" + id);
    assertThat(job.getKey()).isEqualTo(jobKey);
    assertThat(job.getElementId()).isEqualTo("renamed");
    assertThat(job.getProcessDefinitionKey()).isEqualTo(target);
    assertThat(job.getProcessDefinitionVersion()).isEqualTo(2);
    assertThat(job.getCustomHeaders()).containsEntry("step", "two");
    assertThat(job.getVariablesAsMap()).containsEntry("order", 7);
    conformance.complete(job, Map.of());
    conformance.complete(conformance.activateOne("added-" + id), Map.of());
    records.awaitCompleted(instance);
    assertThat(records.elements(instance, "ELEMENT_MIGRATED")).contains(id, "renamed");
  }

  @Test
  void aCamundaUserTaskKeepsItsKeyAndAssigneeAndGoesOnOnTheTarget() {
    final String id = processId();
    final long source =
        deploy(
            Bpmn.createExecutableProcess(id)
                .startEvent()
                .userTask("approve", t -> t.zeebeUserTask().zeebeAssignee("anna"))
                .endEvent()
                .done());
    final long target =
        deploy(
            Bpmn.createExecutableProcess(id)
                .startEvent()
                .userTask("approve2", t -> t.zeebeUserTask().zeebeAssignee("ben"))
                .serviceTask("afterApproval", t -> t.zeebeJobType("after-" + id))
                .endEvent()
                .done());
    final long instance = start(source, Map.of());
    final UserTask before = awaitTask(instance);

    migrate(instance, target, "approve", "approve2").send().join();

    final UserTask after = awaitTask(instance);
    assertThat(after.getUserTaskKey()).isEqualTo(before.getUserTaskKey());
    assertThat(after.getAssignee()).isEqualTo("anna");
    assertThat(after.getElementId()).isEqualTo("approve2");
    assertThat(after.getProcessDefinitionKey()).isEqualTo(target);
    client.newCompleteUserTaskCommand(after.getUserTaskKey()).send().join();
    conformance.complete(conformance.activateOne("after-" + id), Map.of());
    records.awaitCompleted(instance);
  }

  private UserTask awaitTask(final long instance) {
    final long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < until) {
      final List<UserTask> tasks =
          client
              .newUserTaskSearchRequest()
              .filter(f -> f.processInstanceKey(instance).state(UserTaskState.CREATED))
              .send()
              .join()
              .items();
      if (!tasks.isEmpty()) {
        return tasks.get(0);
      }
    }
    throw new AssertionError("no open user task in instance " + instance);
  }

  @Test
  void aMappedBoundaryEventKeepsItsSubscriptionAndATargetOnlyOneIsOpened() {
    final String id = processId();
    final String message = "cancel-" + id;
    final long source =
        deploy(
            Bpmn.createExecutableProcess(id)
                .startEvent()
                .serviceTask("work", t -> t.zeebeJobType("work-" + id))
                .boundaryEvent(
                    "canceledV1",
                    b -> b.message(m -> m.name(message).zeebeCorrelationKey("=order")))
                .endEvent("endCanceledV1")
                .moveToActivity("work")
                .boundaryEvent("oldTimer", b -> b.timerWithDuration("PT1H"))
                .endEvent("endOldTimer")
                .moveToActivity("work")
                .endEvent()
                .done());
    final long target =
        deploy(
            Bpmn.createExecutableProcess(id)
                .startEvent()
                .serviceTask("work", t -> t.zeebeJobType("work-" + id))
                .boundaryEvent(
                    "canceledV2",
                    b -> b.message(m -> m.name(message).zeebeCorrelationKey("=order")))
                .endEvent("endCanceledV2")
                .moveToActivity("work")
                .boundaryEvent("reminder", b -> b.cancelActivity(false).timerWithDuration("PT0.2S"))
                .serviceTask("remind", t -> t.zeebeJobType("remind-" + id))
                .endEvent("endReminder")
                .moveToActivity("work")
                .endEvent()
                .done());
    final long instance = start(source, Map.of("order", "o-1"));

    migrate(instance, target, "work", "work", "canceledV1", "canceledV2").send().join();

    conformance.complete(conformance.activateOne("remind-" + id), Map.of());
    conformance.publish(message, "o-1", Map.of());
    records.awaitCompleted(instance);
    assertThat(records.elements(instance, "ELEMENT_ACTIVATED"))
        .contains("reminder", "canceledV2", "endCanceledV2")
        .doesNotContain("canceledV1", "oldTimer");
  }

  @Test
  void elementsInsideASubProcessMoveWithTheirSubProcess() {
    final String id = processId();
    final long source =
        deploy(
            Bpmn.createExecutableProcess(id)
                .startEvent()
                .subProcess(
                    "sub",
                    s ->
                        s.embeddedSubProcess()
                            .startEvent()
                            .serviceTask("inner", t -> t.zeebeJobType("inner-" + id))
                            .endEvent())
                .endEvent()
                .done());
    final long target =
        deploy(
            Bpmn.createExecutableProcess(id)
                .startEvent()
                .subProcess(
                    "sub2",
                    s ->
                        s.embeddedSubProcess()
                            .startEvent()
                            .serviceTask("inner2", t -> t.zeebeJobType("inner2-" + id))
                            .endEvent())
                .serviceTask("afterSub", t -> t.zeebeJobType("afterSub-" + id))
                .endEvent()
                .done());
    final long instance = start(source, Map.of());

    migrate(instance, target, "sub", "sub2", "inner", "inner2").send().join();

    final ActivatedJob inner = conformance.activateOne("inner2-" + id);
    assertThat(inner.getElementId()).isEqualTo("inner2");
    conformance.complete(inner, Map.of());
    conformance.complete(conformance.activateOne("afterSub-" + id), Map.of());
    records.awaitCompleted(instance);
    assertThat(records.elements(instance, "ELEMENT_COMPLETED")).contains("inner2", "sub2");
  }

  @Test
  void anIncidentStaysWithItsMigratedElementAndResolvesThere() {
    final String id = processId();
    final long source = deploy(oneTask(id, "failing-" + id));
    final long target = deploy(oneTask(id, "fixed-" + id));
    final long instance = start(source, Map.of());
    final ActivatedJob failing = conformance.activateOne("failing-" + id);
    client.newFailCommand(failing.getKey()).retries(0).errorMessage("down").send().join();
    final long incident = records.awaitIncidents(instance).get(0).key();

    migrate(instance, target, "task", "task").send().join();

    assertThat(records.incidents(instance))
        .extracting(EngineRecords.Incident::key)
        .containsExactly(incident);
    client.newUpdateRetriesCommand(failing.getKey()).retries(1).send().join();
    client.newResolveIncidentCommand(incident).send().join();
    conformance.complete(conformance.activateOne("fixed-" + id), Map.of());
    records.awaitCompleted(instance);
  }

  // ---- refusals: the whole plan, nothing changed

  @Test
  void everyUnmappedActiveElementIsNamedAndNothingMoves() {
    final String id = processId();
    final long source =
        deploy(
            Bpmn.createExecutableProcess(id)
                .startEvent()
                .parallelGateway("fork")
                .serviceTask("left", t -> t.zeebeJobType("left-" + id))
                .endEvent()
                .moveToNode("fork")
                .serviceTask("right", t -> t.zeebeJobType("right-" + id))
                .endEvent()
                .done());
    final long target = deploy(oneTask(id, "other-" + id));
    final long instance = start(source, Map.of());

    assertThatThrownBy(() -> migrate(instance, target, "fork", "task").send().join())
        .satisfies(Rejected.as(Status.Code.FAILED_PRECONDITION))
        .hasMessageContaining("active element 'left'")
        .hasMessageContaining("active element 'right'");
    assertStillOnSource(instance, "left-" + id, source, "left");
  }

  @Test
  void anElementCannotChangeItsType() {
    final String id = processId();
    final long source = deploy(oneTask(id, "typed-" + id));
    final long target =
        deploy(
            Bpmn.createExecutableProcess(id)
                .startEvent()
                .userTask("task", t -> t.zeebeUserTask())
                .endEvent()
                .done());
    final long instance = start(source, Map.of());

    assertThatThrownBy(() -> migrate(instance, target, "task", "task").send().join())
        .satisfies(Rejected.as(Status.Code.FAILED_PRECONDITION))
        .hasMessageContaining("'task' of type SERVICE_TASK")
        .hasMessageContaining("USER_TASK");
    assertStillOnSource(instance, "typed-" + id, source, "task");
  }

  @Test
  void aTargetElementThatDoesNotExistIsNamed() {
    final String id = processId();
    final long source = deploy(oneTask(id, "missing-" + id));
    final long target = deploy(oneTask(id, "missing2-" + id));
    final long instance = start(source, Map.of());

    assertThatThrownBy(() -> migrate(instance, target, "task", "nowhere").send().join())
        .satisfies(Rejected.as(Status.Code.INVALID_ARGUMENT))
        .hasMessageContaining("target element 'nowhere'");
    assertStillOnSource(instance, "missing-" + id, source, "task");
  }

  @Test
  void aSourceElementMappedTwiceIsNamed() {
    final String id = processId();
    final long source = deploy(oneTask(id, "twice-" + id));
    final long target = deploy(oneTask(id, "twice2-" + id));
    final long instance = start(source, Map.of());

    assertThatThrownBy(
            () -> migrate(instance, target, "task", "task", "task", "task").send().join())
        .satisfies(Rejected.as(Status.Code.INVALID_ARGUMENT))
        .hasMessageContaining("['task'] more than once");
    assertStillOnSource(instance, "twice-" + id, source, "task");
  }

  @Test
  void anElementCannotMoveIntoASubProcess() {
    final String id = processId();
    final long source = deploy(oneTask(id, "scoped-" + id));
    final long target =
        deploy(
            Bpmn.createExecutableProcess(id)
                .startEvent()
                .subProcess(
                    "wrapper",
                    s ->
                        s.embeddedSubProcess()
                            .startEvent()
                            .serviceTask("task", t -> t.zeebeJobType("scoped-" + id))
                            .endEvent())
                .endEvent()
                .done());
    final long instance = start(source, Map.of());

    assertThatThrownBy(() -> migrate(instance, target, "task", "task").send().join())
        .satisfies(Rejected.as(Status.Code.FAILED_PRECONDITION))
        .hasMessageContaining("flow scope of the active element 'task' would change");
    assertStillOnSource(instance, "scoped-" + id, source, "task");
  }

  @Test
  void aMultiInstanceActivityMapsOnlyToOneOfTheSameKind() {
    final String id = processId();
    final long source =
        deploy(
            Bpmn.createExecutableProcess(id)
                .startEvent()
                .serviceTask(
                    "task",
                    t ->
                        t.zeebeJobType("each-" + id)
                            .multiInstance(m -> m.parallel().zeebeInputCollectionExpression("[1]")))
                .endEvent()
                .done());
    final long target = deploy(oneTask(id, "single-" + id));
    final long instance = start(source, Map.of());

    assertThatThrownBy(() -> migrate(instance, target, "task", "task").send().join())
        .satisfies(Rejected.as(Status.Code.FAILED_PRECONDITION))
        .hasMessageContaining("multi-instance");
    assertStillOnSource(instance, "each-" + id, source, "task");
  }

  @Test
  void aMissingInstanceOrTargetIsNotFound() {
    final String id = processId();
    final long target = deploy(oneTask(id, "nf-" + id));
    final long instance = start(target, Map.of());

    assertThatThrownBy(() -> migrate(2251799813685249L, target, "task", "task").send().join())
        .satisfies(Rejected.as(Status.Code.NOT_FOUND))
        .hasMessageContaining("2251799813685249");
    assertThatThrownBy(() -> migrate(instance, 2251799813685249L, "task", "task").send().join())
        .satisfies(Rejected.as(Status.Code.NOT_FOUND))
        .hasMessageContaining("process definition '2251799813685249'");
  }
}
