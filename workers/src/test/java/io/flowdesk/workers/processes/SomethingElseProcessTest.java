package io.flowdesk.workers.processes;

import static io.flowdesk.workers.WorkerTesting.formFile;
import static io.flowdesk.workers.WorkerTesting.processFile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.response.Form;
import io.camunda.client.api.search.response.UserTask;
import io.flowdesk.engine.test.EngineRecords;
import io.flowdesk.engine.test.FlowdeskEngineTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * processes/catalog/something-else.bpmn as packaged, with its start form: the portal's catalog item
 * "Something else" (free text to the service desk).
 */
@FlowdeskEngineTest
class SomethingElseProcessTest {

  static RequestStandIns standIns;

  CamundaClient client;
  EngineRecords records;

  long definitionKey;

  @AfterAll
  static void stop() {
    standIns.close();
    standIns = null;
  }

  @BeforeEach
  void deploy() {
    if (standIns == null) {
      standIns = RequestStandIns.start(client);
    }
    definitionKey =
        client
            .newDeployResourceCommand()
            .addResourceString(
                processFile("catalog/something-else.bpmn"),
                StandardCharsets.UTF_8,
                "something-else.bpmn")
            .addResourceString(
                formFile("something-else.form"), StandardCharsets.UTF_8, "something-else.form")
            .send()
            .join()
            .getProcesses()
            .get(0)
            .getProcessDefinitionKey();
  }

  @Test
  void theStartFormIsTheDeployedSomethingElseForm() {
    final Form form = client.newProcessDefinitionGetFormRequest(definitionKey).send().join();

    assertThat(form.getFormId()).isEqualTo("something-else");
  }

  @Test
  void theRequestIsInFulfilmentWhileTheServiceDeskHandlesItAndFulfilledWhenTheyCompleteIt() {
    final long instance =
        ItemTesting.order(
            client,
            "something-else",
            "REQ0000501",
            "alice",
            "alice",
            Map.of(
                "subject", "A second monitor for room 4",
                "details", "For the Tuesday workshops"));

    final UserTask task = awaitTask(instance);
    assertThat(standIns.stages("REQ0000501")).containsExactly("fulfilment");
    assertThat(task.getName()).isEqualTo("Handle request");
    assertThat(task.getCandidateGroups()).containsExactly("service-desk");
    assertThat(records.variable(instance, "subject")).isEqualTo("\"A second monitor for room 4\"");
    assertThat(records.variable(instance, "requestedBy")).isEqualTo("\"alice\"");

    client.newCompleteUserTaskCommand(task.getUserTaskKey()).send().join();

    records.awaitCompleted(instance);
    assertThat(records.passed(instance, "requestHandled", "ELEMENT_COMPLETED")).isTrue();
    assertThat(standIns.stages("REQ0000501")).containsExactly("fulfilment", "fulfilled");
  }

  private UserTask awaitTask(final long instance) {
    final UserTask[] task = new UserTask[1];
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> {
              final List<UserTask> open =
                  client
                      .newUserTaskSearchRequest()
                      .filter(f -> f.processInstanceKey(instance).state(UserTaskState.CREATED))
                      .send()
                      .join()
                      .items();
              task[0] = open.isEmpty() ? null : open.get(0);
              return task[0] != null;
            });
    return task[0];
  }
}
