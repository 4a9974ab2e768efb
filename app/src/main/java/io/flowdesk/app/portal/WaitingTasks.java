package io.flowdesk.app.portal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientHttpException;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.response.UserTask;
import io.camunda.client.api.search.response.Variable;
import io.flowdesk.app.approval.ApprovalTask;
import io.flowdesk.app.security.Viewer;
import io.flowdesk.domain.request.Request;
import io.flowdesk.domain.request.RequestRecords;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * The Camunda user tasks assigned to the signed-in person that they do in the portal (confirming a
 * delivery, answering a question): read through the camunda client as the inbox does. Approvals are
 * left out: they are decided in My approvals.
 */
@Component
class WaitingTasks {

  /** More open tasks than anyone should have; the list shows the oldest this many. */
  static final int LIMIT = 50;

  static final String REQUEST_NUMBER = "requestNumber";

  private final CamundaClient client;
  private final RequestRecords requests;
  private final ObjectMapper json;

  WaitingTasks(final CamundaClient client, final RequestRecords requests, final ObjectMapper json) {
    this.client = client;
    this.requests = requests;
    this.json = json;
  }

  /** A task waiting for the person, with the request its process works on, if any. */
  record Waiting(
      long key, String name, String requestNumber, String requestTitle, OffsetDateTime since) {}

  List<Waiting> of(final Viewer viewer) {
    final List<UserTask> tasks =
        client
            .newUserTaskSearchRequest()
            .filter(f -> f.state(UserTaskState.CREATED).assignee(viewer.username()))
            .sort(s -> s.creationDate().asc())
            .page(p -> p.limit(LIMIT))
            .send()
            .join()
            .items()
            .stream()
            .filter(task -> !ApprovalTask.isApproval(task))
            .toList();
    final Map<Long, Request> byInstance =
        requests(tasks.stream().map(UserTask::getProcessInstanceKey).distinct().toList());
    return tasks.stream()
        .map(
            task -> {
              final Request request = byInstance.get(task.getProcessInstanceKey());
              return new Waiting(
                  task.getUserTaskKey(),
                  name(task),
                  request == null ? null : request.number(),
                  request == null ? null : request.title(),
                  task.getCreationDate());
            })
        .toList();
  }

  /**
   * Task {@code key}, open or done, if it is assigned to the viewer; anybody else learns nothing
   * about it, not even that it exists (404).
   */
  UserTask assignedTo(final Viewer viewer, final long key) {
    final UserTask task;
    try {
      task = client.newUserTaskGetRequest(key).send().join();
    } catch (ClientHttpException e) {
      if (e.code() == HttpStatus.NOT_FOUND.value()) {
        throw notFound(key);
      }
      throw e;
    }
    if (!viewer.username().equals(task.getAssignee())) {
      throw notFound(key);
    }
    return task;
  }

  static boolean open(final UserTask task) {
    return task.getState() == UserTaskState.CREATED;
  }

  /** The request the task's process instance works on (its {@code requestNumber} variable). */
  Optional<Request> requestOf(final UserTask task) {
    return Optional.ofNullable(
        requests(List.of(task.getProcessInstanceKey())).get(task.getProcessInstanceKey()));
  }

  static String name(final UserTask task) {
    return task.getName() == null ? task.getElementId() : task.getName();
  }

  private Map<Long, Request> requests(final List<Long> processInstanceKeys) {
    final Map<Long, Request> found = new HashMap<>();
    if (processInstanceKeys.isEmpty()) {
      return found;
    }
    final Long[] keys = processInstanceKeys.toArray(Long[]::new);
    final Map<Long, String> numbers = new HashMap<>();
    for (final Variable variable :
        client
            .newVariableSearchRequest()
            .filter(f -> f.name(REQUEST_NUMBER).processInstanceKey(k -> k.in(keys)))
            .page(p -> p.limit(keys.length * 2))
            .send()
            .join()
            .items()) {
      number(variable).ifPresent(number -> numbers.put(variable.getProcessInstanceKey(), number));
    }
    // One query for every task's request, not one per task.
    final Map<String, Request> byNumber = requests.findAllByNumber(numbers.values());
    numbers.forEach(
        (instance, number) -> {
          final Request request = byNumber.get(number);
          if (request != null) {
            found.put(instance, request);
          }
        });
    return found;
  }

  private Optional<String> number(final Variable variable) {
    try {
      return json.readValue(variable.getValue(), Object.class) instanceof String number
          ? Optional.of(number)
          : Optional.empty();
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }

  private static ResponseStatusException notFound(final long key) {
    return new ResponseStatusException(
        HttpStatus.NOT_FOUND, "There is no task " + key + " for you.");
  }
}
