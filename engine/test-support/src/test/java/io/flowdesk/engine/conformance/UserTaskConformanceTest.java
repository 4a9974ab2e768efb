package io.flowdesk.engine.conformance;

import static io.flowdesk.engine.conformance.Conformance.processId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.response.UserTask;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.flowdesk.engine.test.EngineRecords;
import io.flowdesk.engine.test.FlowdeskEngineTest;
import io.grpc.Status;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Camunda user tasks through the client's user task commands (REST, as in Camunda 8.8). */
@FlowdeskEngineTest
class UserTaskConformanceTest {

  CamundaClient client;
  EngineRecords records;
  Conformance conformance;

  @BeforeEach
  void setUp() {
    conformance = new Conformance(client);
  }

  private UserTask awaitTask(final long processInstanceKey) {
    final long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < until) {
      final List<UserTask> tasks =
          client
              .newUserTaskSearchRequest()
              .filter(
                  f ->
                      f.processInstanceKey(processInstanceKey)
                          .state(io.camunda.client.api.search.enums.UserTaskState.CREATED))
              .send()
              .join()
              .items();
      if (!tasks.isEmpty()) {
        return tasks.get(0);
      }
    }
    throw new AssertionError(
        "no open user task in instance "
            + processInstanceKey
            + "; incidents: "
            + records.incidents(processInstanceKey)
            + ", activated: "
            + records.elements(processInstanceKey, "ELEMENT_ACTIVATED")
            + ";");
  }

  private String deployApproval() {
    return conformance.deploy(
        Bpmn.createExecutableProcess(processId())
            .name("Change approval")
            .startEvent()
            .userTask(
                "approve",
                u ->
                    u.name("Approve change")
                        .zeebeUserTask()
                        .zeebeAssigneeExpression("requester")
                        .zeebeCandidateGroups("cab, managers")
                        .zeebeDueDate("2030-01-31T17:00:00Z")
                        .zeebeTaskPriority("80"))
            .endEvent()
            .done());
  }

  @Test
  void aCamundaUserTaskCarriesItsEvaluatedAssignmentScheduleAndPriority() {
    final long instance = conformance.start(deployApproval(), Map.of("requester", "ann"));

    final UserTask task = awaitTask(instance);

    assertThat(task.getName()).isEqualTo("Approve change");
    assertThat(task.getAssignee()).isEqualTo("ann");
    assertThat(task.getCandidateGroups()).containsExactly("cab", "managers");
    assertThat(task.getDueDate().toInstant())
        .isEqualTo(java.time.Instant.parse("2030-01-31T17:00:00Z"));
    assertThat(task.getPriority()).isEqualTo(80);
    assertThat(task.getElementId()).isEqualTo("approve");
    assertThat(task.getProcessName()).isEqualTo("Change approval");
  }

  @Test
  void completingAUserTaskContinuesTheInstanceWithItsVariablesAndASecondCompletionIsNotFound() {
    final long instance = conformance.start(deployApproval(), Map.of("requester", "ann"));
    final UserTask task = awaitTask(instance);

    client
        .newCompleteUserTaskCommand(task.getUserTaskKey())
        .variables(Map.of("approved", true))
        .send()
        .join();

    records.awaitCompleted(instance);
    assertThat(records.variable(instance, "approved")).isEqualTo("true");
    assertThatThrownBy(() -> client.newCompleteUserTaskCommand(task.getUserTaskKey()).send().join())
        .satisfies(Rejected.as(Status.Code.NOT_FOUND));
  }

  @Test
  void assigningWithoutOverrideRefusesATaskAssignedToSomebodyElse() {
    final long instance = conformance.start(deployApproval(), Map.of("requester", "ann"));
    final UserTask task = awaitTask(instance);

    assertThatThrownBy(
            () ->
                client
                    .newAssignUserTaskCommand(task.getUserTaskKey())
                    .assignee("bob")
                    .allowOverride(false)
                    .send()
                    .join())
        .satisfies(Rejected.as(Status.Code.FAILED_PRECONDITION))
        .hasMessageContaining("already assigned to 'ann'");

    client.newAssignUserTaskCommand(task.getUserTaskKey()).assignee("bob").send().join();
    assertThat(awaitTask(instance).getAssignee()).isEqualTo("bob");
    client.newUnassignUserTaskCommand(task.getUserTaskKey()).send().join();
    assertThat(awaitTask(instance).getAssignee()).isNull();
  }

  @Test
  void updatingAUserTaskChangesItsCandidatesAndPriority() {
    final long instance = conformance.start(deployApproval(), Map.of("requester", "ann"));
    final UserTask task = awaitTask(instance);

    client
        .newUpdateUserTaskCommand(task.getUserTaskKey())
        .candidateGroups("service-desk")
        .priority(20)
        .send()
        .join();

    final UserTask updated = awaitTask(instance);
    assertThat(updated.getCandidateGroups()).containsExactly("service-desk");
    assertThat(updated.getPriority()).isEqualTo(20);
  }

  @Test
  void cancellingTheInstanceCancelsItsUserTask() {
    final long instance = conformance.start(deployApproval(), Map.of("requester", "ann"));
    final UserTask task = awaitTask(instance);

    client.newCancelInstanceCommand(instance).send().join();

    assertThatThrownBy(() -> client.newCompleteUserTaskCommand(task.getUserTaskKey()).send().join())
        .satisfies(Rejected.as(Status.Code.NOT_FOUND));
  }

  private String deployTriage(final String group, final String priority) {
    return conformance.deploy(
        Bpmn.createExecutableProcess(processId())
            .startEvent()
            .userTask(
                "triage",
                u ->
                    u.name("Triage")
                        .zeebeUserTask()
                        .zeebeCandidateGroupsExpression("[\"" + group + "\", \"managers\"]")
                        .zeebeCandidateUsers("duty-" + group)
                        .zeebeTaskPriority(priority))
            .endEvent()
            .done());
  }

  private List<Long> tasks(
      final java.util.function.Consumer<io.camunda.client.api.search.filter.UserTaskFilter>
          filter) {
    return client
        .newUserTaskSearchRequest()
        .filter(filter)
        .sort(s -> s.priority().desc())
        .send()
        .join()
        .items()
        .stream()
        .map(UserTask::getUserTaskKey)
        .toList();
  }

  @Test
  void anInboxFindsOpenTasksByCandidateGroupCandidateUserAndProcessVariable() {
    final String network = "network-" + processId();
    final String desk = "desk-" + processId();
    final long urgent =
        awaitTask(conformance.start(deployTriage(network, "90"), Map.of("ticket", "INC1")))
            .getUserTaskKey();
    final long routine =
        awaitTask(conformance.start(deployTriage(network, "10"), Map.of("ticket", "INC2")))
            .getUserTaskKey();
    final long elsewhere =
        awaitTask(conformance.start(deployTriage(desk, "50"), Map.of("ticket", "INC3")))
            .getUserTaskKey();

    assertThat(tasks(f -> f.candidateGroup(network))).containsExactly(urgent, routine);
    assertThat(tasks(f -> f.candidateGroup(g -> g.in(desk, "nobody")))).containsExactly(elsewhere);
    assertThat(tasks(f -> f.candidateGroup(g -> g.in(network, desk))))
        .containsExactly(urgent, elsewhere, routine);
    assertThat(tasks(f -> f.candidateGroup(network.substring(0, 7)))).isEmpty();
    assertThat(tasks(f -> f.candidateUser("duty-" + desk))).containsExactly(elsewhere);
    assertThat(
            tasks(
                f ->
                    f.candidateGroup(network)
                        .processInstanceVariables(Map.of("ticket", "\"INC2\""))))
        .containsExactly(routine);
  }

  @Test
  void aUserTasksVariablesAreWhatItsFormSeesInnermostScopeFirst() {
    final String processId =
        conformance.deploy(
            Bpmn.createExecutableProcess(processId())
                .startEvent()
                .userTask(
                    "review",
                    u ->
                        u.zeebeUserTask()
                            .zeebeInputExpression("\"draft\"", "status")
                            .zeebeInputExpression("title + \"!\"", "headline"))
                .endEvent()
                .done());
    final long instance =
        conformance.start(processId, Map.of("title", "VPN down", "status", "open"));
    final UserTask task = awaitTask(instance);

    final Map<String, String> variables =
        client
            .newUserTaskVariableSearchRequest(task.getUserTaskKey())
            .send()
            .join()
            .items()
            .stream()
            .collect(
                java.util.stream.Collectors.toMap(
                    io.camunda.client.api.search.response.Variable::getName,
                    io.camunda.client.api.search.response.Variable::getValue));

    assertThat(variables)
        .containsOnly(
            Map.entry("title", "\"VPN down\""),
            Map.entry("status", "\"draft\""),
            Map.entry("headline", "\"VPN down!\""));
    assertThatThrownBy(() -> client.newUserTaskVariableSearchRequest(1L).send().join())
        .satisfies(Rejected.as(Status.Code.NOT_FOUND));
  }
}
