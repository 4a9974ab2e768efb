package io.flowdesk.workers.processes;

import static io.flowdesk.workers.processes.ItemTesting.awaitTasks;
import static io.flowdesk.workers.processes.ItemTesting.complete;
import static io.flowdesk.workers.processes.ItemTesting.order;
import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.response.UserTask;
import io.flowdesk.engine.test.EngineRecords;
import io.flowdesk.engine.test.FlowdeskEngineTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * processes/catalog/onboarding.bpmn and its forms as packaged: a manager orders what a new hire
 * needs, each need is a parallel task for its team, the manager hears back with the teams' notes.
 */
@FlowdeskEngineTest
class OnboardingProcessTest {

  static RequestStandIns standIns;

  CamundaClient client;
  EngineRecords records;

  @BeforeEach
  void deploy() {
    if (standIns == null) {
      ItemTesting.deploy(
          client,
          List.of("catalog/onboarding.bpmn"),
          List.of("onboarding.form", "onboarding-task.form"));
      standIns = RequestStandIns.start(client);
    }
  }

  @AfterAll
  static void stop() {
    standIns.close();
    standIns = null;
  }

  @Test
  void accountLaptopAndBadgeAreParallelTasksForTheirTeamsAndTheManagerGetsTheirNotes() {
    final long instance = orderOnboarding("REQ0000301", List.of("account", "laptop", "badge"));

    final List<UserTask> tasks = awaitTasks(client, instance, "prepare", 3);
    assertThat(tasks)
        .extracting(task -> task.getCandidateGroups().get(0))
        .containsExactlyInAnyOrder("identity-access", "workplace-team", "facilities");
    assertThat(standIns.stages("REQ0000301")).containsExactly("fulfilment");
    // Done in any order; the request waits for all three.
    for (int i = tasks.size() - 1; i >= 0; i--) {
      final UserTask task = tasks.get(i);
      final String group = task.getCandidateGroups().get(0);
      complete(client, task, Map.of("handoverNote", "done by " + group));
    }

    records.awaitCompleted(instance);
    assertThat(records.passed(instance, "newHireReady", "ELEMENT_COMPLETED")).isTrue();
    assertThat(standIns.stages("REQ0000301")).containsExactly("fulfilment", "fulfilled");
    assertThat(standIns.stagesOf("REQ0000301").get(1).comment())
        .isEqualTo(
            "Ready for Nina Neu: account - done by identity-access; laptop - done by"
                + " workplace-team; badge - done by facilities");
  }

  @Test
  void onlyTheTickedNeedsBecomeTasksAndTheRequestWaitsUntilEachIsDone() {
    final long instance = orderOnboarding("REQ0000302", List.of("badge", "account"));

    final List<UserTask> tasks = awaitTasks(client, instance, "prepare", 2);
    assertThat(tasks)
        .extracting(task -> task.getCandidateGroups().get(0))
        .containsExactlyInAnyOrder("facilities", "identity-access");
    complete(client, tasks.get(0), Map.of("handoverNote", "first"));

    assertThat(awaitTasks(client, instance, "prepare", 1)).hasSize(1);
    assertThat(standIns.stages("REQ0000302")).containsExactly("fulfilment");
    assertThat(records.passed(instance, "fulfilled", "ELEMENT_ACTIVATED")).isFalse();
  }

  private long orderOnboarding(final String number, final List<String> needs) {
    return order(
        client,
        "onboarding",
        number,
        "manager.maria",
        "manager.maria",
        Map.of(
            "newHireName", "Nina Neu",
            "jobTitle", "Network engineer",
            "startDate", "2027-01-04",
            "needs", needs,
            "notes", "Needs the on-call phone too"));
  }
}
