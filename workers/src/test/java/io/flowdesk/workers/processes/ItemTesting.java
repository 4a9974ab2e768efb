package io.flowdesk.workers.processes;

import static org.awaitility.Awaitility.await;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.DeployResourceCommandStep1.DeployResourceCommandStep2;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.response.UserTask;
import io.flowdesk.workers.WorkerTesting;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Deploys a packaged catalog item as the app does and finds its tasks; {@link
 * RequestBuildingBlocks} orders it as the portal does.
 */
final class ItemTesting {

  private ItemTesting() {}

  /**
   * Deploys files of processes/ (BPMN, DMN) and forms/ in one deployment, as the app deploys them:
   * the resource name is the file name.
   */
  static void deploy(
      final CamundaClient client, final List<String> processes, final List<String> forms) {
    DeployResourceCommandStep2 command = null;
    for (final String file : processes) {
      command = add(client, command, WorkerTesting.processFile(file), file);
    }
    for (final String file : forms) {
      command = add(client, command, WorkerTesting.formFile(file), file);
    }
    command.send().join();
  }

  private static DeployResourceCommandStep2 add(
      final CamundaClient client,
      final DeployResourceCommandStep2 command,
      final String text,
      final String file) {
    final String name = Path.of(file).getFileName().toString();
    return command == null
        ? client.newDeployResourceCommand().addResourceString(text, StandardCharsets.UTF_8, name)
        : command.addResourceString(text, StandardCharsets.UTF_8, name);
  }

  /** The open user task of the instance at the element, once it exists. */
  static UserTask awaitTask(
      final CamundaClient client, final long instance, final String elementId) {
    return awaitTasks(client, instance, elementId, 1).get(0);
  }

  /** The open user tasks of the instance at the element, once there are {@code count}. */
  static List<UserTask> awaitTasks(
      final CamundaClient client, final long instance, final String elementId, final int count) {
    final List<List<UserTask>> tasks = new java.util.ArrayList<>(List.of(List.of()));
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              tasks.set(
                  0,
                  client
                      .newUserTaskSearchRequest()
                      .filter(
                          f ->
                              f.processInstanceKey(instance)
                                  .elementId(elementId)
                                  .state(UserTaskState.CREATED))
                      .send()
                      .join()
                      .items());
              return tasks.get(0).size() >= count;
            });
    return tasks.get(0);
  }

  static void complete(
      final CamundaClient client, final UserTask task, final Map<String, Object> variables) {
    client.newCompleteUserTaskCommand(task.getUserTaskKey()).variables(variables).send().join();
  }
}
