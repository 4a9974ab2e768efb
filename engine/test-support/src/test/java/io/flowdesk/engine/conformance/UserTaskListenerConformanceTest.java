package io.flowdesk.engine.conformance;

import static io.flowdesk.engine.conformance.Conformance.processId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.CamundaFuture;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.search.response.UserTask;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.builder.UserTaskBuilder;
import io.flowdesk.engine.test.EngineRecords;
import io.flowdesk.engine.test.FlowdeskEngineTest;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * User task listeners as Camunda 8.8 documents them: jobs of kind TASK_LISTENER that run one after
 * another while the task is in a lifecycle transition, correct it or deny the transition.
 */
@FlowdeskEngineTest
class UserTaskListenerConformanceTest {

  CamundaClient client;
  EngineRecords records;
  Conformance conformance;

  @BeforeEach
  void setUp() {
    conformance = new Conformance(client);
  }

  private long start(final String id, final Consumer<UserTaskBuilder> task) {
    conformance.deploy(
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .userTask("review", u -> task.accept(u.zeebeUserTask()))
            .endEvent()
            .done());
    return conformance.start(id, Map.of());
  }

  private UserTask task(final long userTaskKey) {
    return client.newUserTaskGetRequest(userTaskKey).send().join();
  }

  private void completeJob(final ActivatedJob job) {
    client.newCompleteCommand(job).send().join();
  }

  @Test
  void creatingListenersRunInOrderAndTheTaskIsCreatedWithTheirCorrections() {
    final String id = processId();
    start(
        id,
        u ->
            u.zeebeCandidateGroups("desk")
                .zeebeTaskListener(l -> l.creating().type("first-" + id))
                .zeebeTaskListener(l -> l.creating().type("second-" + id)));

    assertThat(
            client
                .newActivateJobsCommand()
                .jobType("second-" + id)
                .maxJobsToActivate(1)
                .requestTimeout(Duration.ofMillis(100))
                .send()
                .join()
                .getJobs())
        .as("the second creating listener waits for the first")
        .isEmpty();
    final ActivatedJob first = conformance.activateOne("first-" + id);
    assertThat(first.getKind().name()).isEqualTo("TASK_LISTENER");
    assertThat(first.getListenerEventType().name()).isEqualTo("CREATING");
    assertThat(first.getUserTask().getCandidateGroups()).containsExactly("desk");
    assertThat(first.getUserTask().getPriority()).isEqualTo(50);
    final long userTaskKey = first.getUserTask().getUserTaskKey();
    assertThat(task(userTaskKey).getState().name()).isEqualTo("CREATING");

    client
        .newCompleteCommand(first)
        .withResult(r -> r.forUserTask().correctPriority(90).correctAssignee("ann"))
        .send()
        .join();

    final ActivatedJob second = conformance.activateOne("second-" + id);
    assertThat(second.getUserTask().getPriority()).isEqualTo(90);
    assertThat(second.getUserTask().getAssignee()).isEqualTo("ann");
    assertThat(second.getUserTask().getChangedAttributes())
        .containsExactlyInAnyOrder("priority", "assignee");
    client
        .newCompleteCommand(second)
        .withResult(r -> r.forUserTask().correctCandidateUsers(List.of("bob")))
        .send()
        .join();

    final UserTask created = task(userTaskKey);
    assertThat(created.getState().name()).isEqualTo("CREATED");
    assertThat(created.getPriority()).isEqualTo(90);
    assertThat(created.getAssignee()).isEqualTo("ann");
    assertThat(created.getCandidateUsers()).containsExactly("bob");
    assertThat(created.getCandidateGroups()).containsExactly("desk");
  }

  @Test
  void anAssigningListenerThatDeniesLeavesTheTaskAsItWasAndTheAssignmentIsRefused() {
    final String id = processId();
    final long instance =
        start(id, u -> u.zeebeTaskListener(l -> l.assigning().type("assign-" + id)));
    final long userTaskKey =
        records.of(instance).stream()
            .filter(e -> e.valueType().equals("USER_TASK") && e.intent().equals("CREATED"))
            .findFirst()
            .orElseThrow()
            .key();

    final CamundaFuture<?> assignment =
        client.newAssignUserTaskCommand(userTaskKey).assignee("bob").action("claim").send();
    final ActivatedJob listener = conformance.activateOne("assign-" + id);
    assertThat(listener.getListenerEventType().name()).isEqualTo("ASSIGNING");
    assertThat(listener.getUserTask().getAssignee()).isEqualTo("bob");
    assertThat(listener.getUserTask().getAction()).isEqualTo("claim");
    assertThat(listener.getUserTask().getChangedAttributes()).containsExactly("assignee");
    assertThat(task(userTaskKey).getState().name()).isEqualTo("ASSIGNING");
    assertThatThrownBy(
            () -> client.newCompleteUserTaskCommand(userTaskKey).send().join(),
            "a task cannot complete while it is being assigned")
        .satisfies(Rejected.as(Status.Code.FAILED_PRECONDITION));

    client
        .newCompleteCommand(listener)
        .withResult(r -> r.forUserTask().deny(true, "bob is on leave"))
        .send()
        .join();

    assertThatThrownBy(assignment::join)
        .satisfies(Rejected.as(Status.Code.FAILED_PRECONDITION))
        .hasMessageContaining("bob is on leave");
    final UserTask after = task(userTaskKey);
    assertThat(after.getState().name()).isEqualTo("CREATED");
    assertThat(after.getAssignee()).isNull();
  }

  @Test
  void completingListenersRunBeforeTheTaskCompletesWithItsVariables() {
    final String id = processId();
    final long instance =
        start(
            id,
            u ->
                u.zeebeAssignee("ann")
                    .zeebeTaskListener(l -> l.completing().type("complete-" + id)));
    final long userTaskKey =
        client
            .newUserTaskSearchRequest()
            .filter(f -> f.processInstanceKey(instance))
            .send()
            .join()
            .items()
            .get(0)
            .getUserTaskKey();

    final CamundaFuture<?> completion =
        client.newCompleteUserTaskCommand(userTaskKey).variables(Map.of("approved", true)).send();
    final ActivatedJob listener = conformance.activateOne("complete-" + id);
    assertThat(listener.getListenerEventType().name()).isEqualTo("COMPLETING");
    assertThat(listener.getUserTask().getAssignee()).isEqualTo("ann");
    assertThat(listener.getUserTask().getAction()).isEqualTo("complete");
    assertThat(task(userTaskKey).getState().name()).isEqualTo("COMPLETING");
    assertThatThrownBy(
            () ->
                client
                    .newCompleteCommand(listener)
                    .variables(Map.of("audited", true))
                    .send()
                    .join(),
            "task listener jobs cannot set variables")
        .satisfies(Rejected.as(Status.Code.INVALID_ARGUMENT));

    completeJob(listener);
    completion.join();

    records.awaitCompleted(instance);
    assertThat(records.variable(instance, "approved")).isEqualTo("true");
    assertThat(task(userTaskKey).getState().name()).isEqualTo("COMPLETED");
  }

  @Test
  void updatingListenersCorrectTheChangesBeforeTheyApply() {
    final String id = processId();
    final long instance =
        start(id, u -> u.zeebeTaskListener(l -> l.updating().type("update-" + id)));
    final long userTaskKey =
        client
            .newUserTaskSearchRequest()
            .filter(f -> f.processInstanceKey(instance))
            .send()
            .join()
            .items()
            .get(0)
            .getUserTaskKey();

    final CamundaFuture<?> update =
        client.newUpdateUserTaskCommand(userTaskKey).priority(20).send();
    final ActivatedJob listener = conformance.activateOne("update-" + id);
    assertThat(listener.getUserTask().getPriority()).isEqualTo(20);
    assertThat(listener.getUserTask().getChangedAttributes()).containsExactly("priority");
    client
        .newCompleteCommand(listener)
        .withResult(
            r ->
                r.forUserTask()
                    .correctPriority(30)
                    .correctDueDate("2031-03-01T09:00:00Z")
                    .correctCandidateGroups(List.of("ops")))
        .send()
        .join();
    update.join();

    final UserTask updated = task(userTaskKey);
    assertThat(updated.getState().name()).isEqualTo("CREATED");
    assertThat(updated.getPriority()).isEqualTo(30);
    assertThat(updated.getDueDate().toInstant()).isEqualTo(Instant.parse("2031-03-01T09:00:00Z"));
    assertThat(updated.getCandidateGroups()).containsExactly("ops");
  }

  private UserTask onlyTaskOf(final long instance) {
    return client
        .newUserTaskSearchRequest()
        .filter(f -> f.processInstanceKey(instance))
        .send()
        .join()
        .items()
        .get(0);
  }

  /** The values a variable was given in a scope, as the record log shows them. */
  private List<String> valuesOf(final long instance, final String name, final long scopeKey) {
    return records.of(instance).stream()
        .filter(e -> e.valueType().equals("VARIABLE"))
        .map(e -> json(e.payload()))
        .filter(p -> p.path("name").asText().equals(name))
        .filter(p -> p.path("scopeKey").asLong() == scopeKey)
        .map(p -> p.path("value").toString())
        .toList();
  }

  private static JsonNode json(final String text) {
    try {
      return JSON.readTree(text);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void settingVariablesOnAUserTaskRunsItsUpdatingListenersBeforeTheVariablesAreSet() {
    final String id = processId();
    final long instance = start(id, u -> u.zeebeTaskListener(l -> l.updating().type("vars-" + id)));
    final UserTask created = onlyTaskOf(instance);
    final long taskScope = created.getElementInstanceKey();

    final CamundaFuture<?> update =
        client
            .newSetVariablesCommand(taskScope)
            .variables(Map.of("status", "APPROVED"))
            .local(true)
            .send();
    final ActivatedJob listener = conformance.activateOne("vars-" + id);
    assertThat(listener.getListenerEventType().name()).isEqualTo("UPDATING");
    assertThat(listener.getUserTask().getUserTaskKey()).isEqualTo(created.getUserTaskKey());
    assertThat(listener.getUserTask().getChangedAttributes()).containsExactly("variables");
    assertThat(task(created.getUserTaskKey()).getState().name()).isEqualTo("UPDATING");
    assertThat(valuesOf(instance, "status", taskScope))
        .as("the variables wait for the updating listeners")
        .isEmpty();
    assertThatThrownBy(
            () ->
                client
                    .newSetVariablesCommand(taskScope)
                    .variables(Map.of("status", "LATER"))
                    .local(true)
                    .send()
                    .join(),
            "a second update waits until the first one ended")
        .satisfies(Rejected.as(Status.Code.FAILED_PRECONDITION));

    client
        .newCompleteCommand(listener)
        .withResult(r -> r.forUserTask().correctPriority(70))
        .send()
        .join();
    update.join();

    assertThat(valuesOf(instance, "status", taskScope)).containsExactly("\"APPROVED\"");
    final UserTask updated = task(created.getUserTaskKey());
    assertThat(updated.getState().name()).isEqualTo("CREATED");
    assertThat(updated.getPriority()).isEqualTo(70);
  }

  @Test
  void aDeniedVariableUpdateOfAUserTaskSetsNoVariableAndRefusesTheCaller() {
    final String id = processId();
    final long instance = start(id, u -> u.zeebeTaskListener(l -> l.updating().type("vars-" + id)));
    final UserTask created = onlyTaskOf(instance);
    final long taskScope = created.getElementInstanceKey();

    final CamundaFuture<?> update =
        client
            .newSetVariablesCommand(taskScope)
            .variables(Map.of("status", "APPROVED"))
            .local(true)
            .send();
    final ActivatedJob listener = conformance.activateOne("vars-" + id);
    client
        .newCompleteCommand(listener)
        .withResult(r -> r.forUserTask().deny(true, "status is set by the approval step"))
        .send()
        .join();

    assertThatThrownBy(update::join)
        .satisfies(Rejected.as(Status.Code.FAILED_PRECONDITION))
        .hasMessageContaining("status is set by the approval step");
    assertThat(valuesOf(instance, "status", taskScope)).isEmpty();
    assertThat(valuesOf(instance, "status", instance)).isEmpty();
    assertThat(task(created.getUserTaskKey()).getState().name()).isEqualTo("CREATED");
  }

  @Test
  void variablesSetOnAUserTaskWithoutLocalPropagateAfterItsUpdatingListeners() {
    final String id = processId();
    final long instance = start(id, u -> u.zeebeTaskListener(l -> l.updating().type("vars-" + id)));
    final UserTask created = onlyTaskOf(instance);

    final CamundaFuture<?> update =
        client
            .newSetVariablesCommand(created.getElementInstanceKey())
            .variables(Map.of("reviewed", true))
            .local(false)
            .send();
    final ActivatedJob listener = conformance.activateOne("vars-" + id);
    assertThat(listener.getUserTask().getChangedAttributes()).containsExactly("variables");
    assertThat(records.variable(instance, "reviewed")).isNull();
    completeJob(listener);
    update.join();

    assertThat(records.variable(instance, "reviewed")).isEqualTo("true");
  }

  @Test
  void aListenerJobWithoutRetriesRaisesAnIncidentAndResolvingItRunsTheListenerAgain() {
    final String id = processId();
    final long instance =
        start(id, u -> u.zeebeTaskListener(l -> l.creating().type("check-" + id).retries("1")));
    final ActivatedJob listener = conformance.activateOne("check-" + id);
    assertThatThrownBy(
            () -> client.newThrowErrorCommand(listener.getKey()).errorCode("X").send().join())
        .satisfies(Rejected.as(Status.Code.FAILED_PRECONDITION))
        .hasMessageContaining("task listener");
    client
        .newFailCommand(listener.getKey())
        .retries(0)
        .errorMessage("directory down")
        .send()
        .join();

    final EngineRecords.Incident incident = records.awaitIncidents(instance).get(0);
    assertThat(incident.errorMessage()).isEqualTo("directory down");
    client.newUpdateRetriesCommand(listener.getKey()).retries(1).send().join();
    client.newResolveIncidentCommand(incident.key()).send().join();

    final ActivatedJob again = conformance.activateOne("check-" + id);
    assertThat(again.getKey()).isEqualTo(listener.getKey());
    completeJob(again);
    assertThat(task(again.getUserTask().getUserTaskKey()).getState().name()).isEqualTo("CREATED");
  }

  @Test
  void cancelingListenersRunWhenTheInstanceIsCanceledAndTheTaskEndsCanceledAfterThem() {
    final String id = processId();
    final long instance =
        start(
            id,
            u ->
                u.zeebeTaskListener(l -> l.canceling().type("cancel-" + id))
                    .zeebeTaskListener(l -> l.canceling().type("cleanup-" + id)));
    final long userTaskKey =
        client
            .newUserTaskSearchRequest()
            .filter(f -> f.processInstanceKey(instance))
            .send()
            .join()
            .items()
            .get(0)
            .getUserTaskKey();

    client.newCancelInstanceCommand(instance).send().join();

    final ActivatedJob listener = conformance.activateOne("cancel-" + id);
    assertThat(listener.getKind().name()).isEqualTo("TASK_LISTENER");
    assertThat(listener.getListenerEventType().name()).isEqualTo("CANCELING");
    assertThat(listener.getUserTask().getUserTaskKey()).isEqualTo(userTaskKey);
    assertThat(task(userTaskKey).getState().name()).isEqualTo("CANCELING");
    completeJob(listener);
    completeJob(conformance.activateOne("cleanup-" + id));

    assertThat(task(userTaskKey).getState().name()).isEqualTo("CANCELED");
    assertThat(records.stateOf(instance)).isEqualTo("TERMINATED");
  }

  @Test
  void creationCannotBeDenied() {
    final String id = processId();
    start(id, u -> u.zeebeTaskListener(l -> l.creating().type("deny-" + id)));
    final ActivatedJob listener = conformance.activateOne("deny-" + id);

    assertThatThrownBy(
            () ->
                client
                    .newCompleteCommand(listener)
                    .withResult(r -> r.forUserTask().deny(true))
                    .send()
                    .join())
        .satisfies(Rejected.as(Status.Code.INVALID_ARGUMENT))
        .hasMessageContaining("creating transition, which cannot be denied");
  }

  @Test
  void taskListenersOnAJobBasedUserTaskOrWithAnUnknownEventAreRefusedAtDeployment() {
    final String jobBased =
        Bpmn.convertToString(
            Bpmn.createExecutableProcess(processId())
                .startEvent()
                .userTask("legacyTask", u -> u.zeebeTaskListener(l -> l.creating().type("x")))
                .endEvent()
                .done());
    assertThatThrownBy(
            () ->
                client
                    .newDeployResourceCommand()
                    .addResourceString(jobBased, StandardCharsets.UTF_8, "legacy.bpmn")
                    .send()
                    .join())
        .satisfies(Rejected.as(Status.Code.INVALID_ARGUMENT))
        .hasMessageContaining("legacyTask")
        .hasMessageContaining("Task listeners are only allowed on Camunda user tasks");

    final String unknown =
        Bpmn.convertToString(
                Bpmn.createExecutableProcess(processId())
                    .startEvent()
                    .userTask(
                        "oddTask",
                        u -> u.zeebeUserTask().zeebeTaskListener(l -> l.creating().type("x")))
                    .endEvent()
                    .done())
            .replace("eventType=\"creating\"", "eventType=\"escalating\"");
    assertThatThrownBy(
            () ->
                client
                    .newDeployResourceCommand()
                    .addResourceString(unknown, StandardCharsets.UTF_8, "odd.bpmn")
                    .send()
                    .join())
        .satisfies(Rejected.as(Status.Code.INVALID_ARGUMENT))
        .hasMessageContaining("oddTask");
  }
}
