package io.flowdesk.workers.processes;

import static io.flowdesk.domain.request.RequestState.FULFILLED;
import static io.flowdesk.domain.request.RequestState.IN_FULFILMENT;
import static io.flowdesk.workers.processes.ItemTesting.awaitTasks;
import static io.flowdesk.workers.processes.ItemTesting.complete;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.response.UserTask;
import io.flowdesk.engine.Engine;
import io.flowdesk.engine.test.EngineRecords;
import io.flowdesk.engine.test.FlowdeskEngineTest;
import io.flowdesk.workers.processes.RequestBuildingBlocks.Ordered;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * processes/catalog/onboarding.bpmn and its forms as packaged: a manager orders what a new hire
 * needs, each need is a parallel task for its team, the manager hears back with the teams' notes
 * (the request stage worker as the app runs it: the record's journal and a mail).
 */
@FlowdeskEngineTest
class OnboardingProcessTest {

  @RegisterExtension
  static final GreenMailExtension MAIL =
      new GreenMailExtension(
              new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort())
          .withPerMethodLifecycle(false);

  static RequestBuildingBlocks blocks;

  CamundaClient client;
  EngineRecords records;
  Engine engine;

  @BeforeEach
  void deploy() {
    if (blocks == null) {
      ItemTesting.deploy(
          client,
          List.of("catalog/onboarding.bpmn"),
          List.of("onboarding.form", "onboarding-task.form"));
      blocks = RequestBuildingBlocks.start(engine, client, records, MAIL).people("maria");
    }
  }

  @AfterAll
  static void stop() {
    blocks.close();
    blocks = null;
  }

  @Test
  void accountLaptopAndBadgeAreParallelTasksForTheirTeamsAndTheManagerGetsTheirNotes() {
    final Ordered request = orderOnboarding(List.of("account", "laptop", "badge"));
    final long instance = request.instance();

    final List<UserTask> tasks = awaitTasks(client, instance, "prepare", 3);
    assertThat(tasks)
        .extracting(task -> task.getCandidateGroups().get(0))
        .containsExactlyInAnyOrder("identity-access", "workplace-team", "facilities");
    assertThat(blocks.awaitStates(request, IN_FULFILMENT)).containsExactly(IN_FULFILMENT);
    // Done in any order; the request waits for all three.
    for (int i = tasks.size() - 1; i >= 0; i--) {
      final UserTask task = tasks.get(i);
      final String group = task.getCandidateGroups().get(0);
      complete(client, task, Map.of("handoverNote", "done by " + group));
    }

    records.awaitCompleted(instance);
    assertThat(records.passed(instance, "newHireReady", "ELEMENT_COMPLETED")).isTrue();
    assertThat(blocks.awaitStates(request, IN_FULFILMENT, FULFILLED)).endsWith(FULFILLED);
    final String notes =
        "Ready for Nina Neu: account - done by identity-access; laptop - done by"
            + " workplace-team; badge - done by facilities";
    assertThat(blocks.comments(request)).containsExactly(notes);
    assertThat(blocks.awaitMail("maria@example.test", request.number(), "Onboarding: fulfilled"))
        .contains(notes);
  }

  @Test
  void onlyTheTickedNeedsBecomeTasksAndTheRequestWaitsUntilEachIsDone() {
    final Ordered request = orderOnboarding(List.of("badge", "account"));
    final long instance = request.instance();

    final List<UserTask> tasks = awaitTasks(client, instance, "prepare", 2);
    assertThat(tasks)
        .extracting(task -> task.getCandidateGroups().get(0))
        .containsExactlyInAnyOrder("facilities", "identity-access");
    complete(client, tasks.get(0), Map.of("handoverNote", "first"));

    assertThat(awaitTasks(client, instance, "prepare", 1)).hasSize(1);
    assertThat(blocks.states(request)).containsExactly(IN_FULFILMENT);
    assertThat(records.passed(instance, "fulfilled", "ELEMENT_ACTIVATED")).isFalse();
  }

  private Ordered orderOnboarding(final List<String> needs) {
    return blocks.order(
        "onboarding",
        "Onboarding",
        "maria",
        "maria",
        Map.of(
            "newHireName", "Nina Neu",
            "jobTitle", "Network engineer",
            "startDate", "2027-01-04",
            "needs", needs,
            "notes", "Needs the on-call phone too"));
  }
}
