package io.flowdesk.workers.processes;

import static io.flowdesk.domain.request.RequestState.FULFILLED;
import static io.flowdesk.domain.request.RequestState.IN_FULFILMENT;
import static io.flowdesk.workers.WorkerTesting.formFile;
import static io.flowdesk.workers.WorkerTesting.processFile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.response.Form;
import io.camunda.client.api.search.response.UserTask;
import io.flowdesk.engine.Engine;
import io.flowdesk.engine.test.EngineRecords;
import io.flowdesk.engine.test.FlowdeskEngineTest;
import io.flowdesk.workers.processes.RequestBuildingBlocks.Ordered;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * processes/catalog/something-else.bpmn as packaged, with its start form: the portal's catalog item
 * "Something else" (free text to the service desk), with the request workers as the app runs them.
 */
@FlowdeskEngineTest
class SomethingElseProcessTest {

  @RegisterExtension
  static final GreenMailExtension MAIL =
      new GreenMailExtension(
              new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort())
          .withPerMethodLifecycle(false);

  static RequestBuildingBlocks blocks;

  CamundaClient client;
  EngineRecords records;
  Engine engine;

  long definitionKey;

  @AfterAll
  static void stop() {
    blocks.close();
    blocks = null;
  }

  @BeforeEach
  void deploy() {
    if (blocks == null) {
      blocks = RequestBuildingBlocks.start(engine, client, records, MAIL).people("alice");
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
    final Ordered request =
        blocks.order(
            "something-else",
            "Something else",
            "alice",
            "alice",
            Map.of(
                "subject", "A second monitor for room 4",
                "details", "For the Tuesday workshops"));
    final long instance = request.instance();

    final UserTask task = awaitTask(instance);
    assertThat(blocks.awaitStates(request, IN_FULFILMENT)).containsExactly(IN_FULFILMENT);
    assertThat(task.getName()).isEqualTo("Handle request");
    assertThat(task.getCandidateGroups()).containsExactly("service-desk");
    assertThat(records.variable(instance, "subject")).isEqualTo("\"A second monitor for room 4\"");
    assertThat(records.variable(instance, "requestedBy")).isEqualTo("\"alice\"");

    client.newCompleteUserTaskCommand(task.getUserTaskKey()).send().join();

    records.awaitCompleted(instance);
    assertThat(records.passed(instance, "requestHandled", "ELEMENT_COMPLETED")).isTrue();
    assertThat(blocks.awaitStates(request, IN_FULFILMENT, FULFILLED)).endsWith(FULFILLED);
    assertThat(
            blocks.awaitMail("alice@example.test", request.number(), "Something else: fulfilled"))
        .contains("has been fulfilled");
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
