package io.flowdesk.app.inbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientHttpException;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.filter.UserTaskFilter;
import io.camunda.client.api.search.response.SearchResponse;
import io.camunda.client.api.search.response.UserTask;
import io.camunda.client.api.search.response.Variable;
import io.flowdesk.app.approval.ApprovalDesk;
import io.flowdesk.app.approval.ApprovalTask;
import io.flowdesk.app.change.conflict.ChangeAuthorizationGate;
import io.flowdesk.app.forms.DeployedForms;
import io.flowdesk.app.forms.FormSchema;
import io.flowdesk.app.request.RequestAnswers;
import io.flowdesk.app.security.Viewer;
import io.flowdesk.domain.change.Change;
import io.flowdesk.domain.change.UnresolvedConflictsException;
import io.flowdesk.domain.incident.Incident;
import io.flowdesk.domain.knowledge.Article;
import io.flowdesk.domain.problem.Problem;
import io.flowdesk.domain.request.Request;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * The agents' task inbox over the engine's user tasks (through the camunda client, as against a
 * Camunda 8 cluster): listing, claiming, assigning and completing, each checked against what the
 * worker may see.
 */
@Service
public class TaskInbox {

  static final int PAGE_SIZE = 25;
  static final int TEXT_SCAN = 2000;
  private static final int SCAN_PAGE = 200;

  private final CamundaClient client;
  private final TaskRecords records;
  private final IncidentWork incidentWork;
  private final ObjectMapper json;
  private final ApprovalDesk approvals;
  private final DeployedForms forms;
  private final RequestAnswers answers;
  private final ChangeAuthorizationGate changeAuthorizations;

  TaskInbox(
      final CamundaClient client,
      final TaskRecords records,
      final IncidentWork incidentWork,
      final ObjectMapper json,
      final ApprovalDesk approvals,
      final DeployedForms forms,
      final RequestAnswers answers,
      final ChangeAuthorizationGate changeAuthorizations) {
    this.changeAuthorizations = changeAuthorizations;
    this.client = client;
    this.records = records;
    this.incidentWork = incidentWork;
    this.json = json;
    this.approvals = approvals;
    this.forms = forms;
    this.answers = answers;
  }

  /**
   * One page of the tasks in {@code view}; with {@code text}, only those whose task name, process
   * name or record (number, short description, title) mention it, ignoring case. The engine cannot
   * search the records, so the text filter reads the view's first {@value #TEXT_SCAN} tasks in
   * {@code sort}'s order and pages through the matches itself.
   */
  InboxPage list(
      final Viewer worker,
      final InboxView view,
      final InboxSort sort,
      final String text,
      final int page) {
    final int wanted = Math.max(0, page);
    if (text == null || text.isBlank()) {
      final SearchResponse<UserTask> found =
          search(worker, view, sort, wanted * PAGE_SIZE, PAGE_SIZE);
      return new InboxPage(
          rows(found.items()), view, sort, "", wanted, PAGE_SIZE, found.page().totalItems());
    }
    final String needle = text.strip();
    final List<InboxRow> matching = new ArrayList<>();
    for (int from = 0; from < TEXT_SCAN; from += SCAN_PAGE) {
      final SearchResponse<UserTask> found = search(worker, view, sort, from, SCAN_PAGE);
      rows(found.items()).stream().filter(row -> row.mentions(needle)).forEach(matching::add);
      if (from + SCAN_PAGE >= found.page().totalItems()) {
        break;
      }
    }
    final int start = Math.min(matching.size(), wanted * PAGE_SIZE);
    return new InboxPage(
        matching.subList(start, Math.min(matching.size(), start + PAGE_SIZE)),
        view,
        sort,
        needle,
        wanted,
        PAGE_SIZE,
        matching.size());
  }

  private SearchResponse<UserTask> search(
      final Viewer worker,
      final InboxView view,
      final InboxSort sort,
      final int from,
      final int limit) {
    return client
        .newUserTaskSearchRequest()
        .filter(filter(worker, view))
        .sort(sort.sort())
        .page(p -> p.from(from).limit(limit))
        .send()
        .join();
  }

  /** The tasks with the records they work on, read in one query per kind of record. */
  private List<InboxRow> rows(final List<UserTask> tasks) {
    final List<Long> instances =
        tasks.stream().map(UserTask::getProcessInstanceKey).distinct().toList();
    final Map<Long, Incident> incidents = records.incidents(instances);
    final Map<Long, Request> requests = records.requests(instances);
    final Map<Long, Change> changes = records.changes(instances);
    final Map<Long, Problem> problems = records.problems(instances);
    final Map<Long, Article> articles = records.articles(instances);
    final OffsetDateTime now = OffsetDateTime.now();
    return tasks.stream()
        .map(
            task ->
                InboxRow.of(
                    task,
                    incidents.get(task.getProcessInstanceKey()),
                    requests.get(task.getProcessInstanceKey()),
                    changes.get(task.getProcessInstanceKey()),
                    problems.get(task.getProcessInstanceKey()),
                    articles.get(task.getProcessInstanceKey()),
                    answers,
                    now))
        .toList();
  }

  private static Consumer<UserTaskFilter> filter(final Viewer worker, final InboxView view) {
    final String[] groups = worker.groups().toArray(String[]::new);
    return switch (view) {
      case MINE -> f -> f.state(UserTaskState.CREATED).assignee(worker.username());
      case GROUPS -> f -> f.state(UserTaskState.CREATED).candidateGroup(g -> g.in(groups));
      case ALL ->
          worker.seesAllRecords()
              ? f -> f.state(UserTaskState.CREATED)
              : f -> f.state(UserTaskState.CREATED).candidateGroup(g -> g.in(groups));
    };
  }

  /** The open task, when the worker may see it. */
  public UserTask task(final Viewer worker, final long key) {
    final UserTask task;
    try {
      task = client.newUserTaskGetRequest(key).send().join();
    } catch (ClientHttpException e) {
      if (e.code() == HttpStatus.NOT_FOUND.value()) {
        throw TaskUnavailableException.notFound(key);
      }
      throw e;
    }
    if (!TaskOffer.offeredTo(worker, task)) {
      throw TaskUnavailableException.notYours(key);
    }
    if (task.getState() != UserTaskState.CREATED) {
      throw TaskUnavailableException.noLongerOpen(key);
    }
    return task;
  }

  /** The variables the task's form is shown with. */
  public Map<String, Object> variables(final long key) {
    final Map<String, Object> variables = new LinkedHashMap<>();
    for (final Variable variable :
        client
            .newUserTaskVariableSearchRequest(key)
            .page(p -> p.limit(1000))
            .send()
            .join()
            .items()) {
      variables.put(variable.getName(), read(variable));
    }
    return variables;
  }

  private Object read(final Variable variable) {
    try {
      return json.readValue(variable.getValue(), Object.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("variable " + variable.getName() + " is not JSON", e);
    }
  }

  void claim(final Viewer worker, final long key) {
    assign(worker, key, worker.username());
  }

  /**
   * Assigns to the worker or a colleague (one of the task's groups' members, checked by caller).
   */
  void assign(final Viewer worker, final long key, final String assignee) {
    final UserTask task = task(worker, key);
    requireNotApproval(task);
    if (task.getAssignee() != null
        && !task.getAssignee().equals(assignee)
        && !task.getAssignee().equals(worker.username())
        && !worker.seesAllRecords()) {
      throw TaskUnavailableException.assignedElsewhere(key, task.getAssignee());
    }
    incidentWork.assigned(
        task.getProcessInstanceKey(),
        assignee,
        worker.username(),
        () ->
            engine(
                key, () -> client.newAssignUserTaskCommand(key).assignee(assignee).send().join()));
  }

  void unclaim(final Viewer worker, final long key) {
    final UserTask task = task(worker, key);
    requireNotApproval(task);
    if (task.getAssignee() != null
        && !task.getAssignee().equals(worker.username())
        && !worker.seesAllRecords()) {
      throw TaskUnavailableException.assignedElsewhere(key, task.getAssignee());
    }
    incidentWork.assigned(
        task.getProcessInstanceKey(),
        null,
        worker.username(),
        () -> engine(key, () -> client.newUnassignUserTaskCommand(key).send().join()));
  }

  /**
   * Completes the task with the form's variables; an unassigned task is first claimed by the
   * worker, one assigned to somebody else is refused. A {@code workNote} in the form goes into the
   * incident's journal under the worker's name. An approval task is decided through {@link
   * ApprovalDesk}, with the same checks as in My approvals and the API.
   */
  public void complete(final Viewer worker, final long key, final Map<String, Object> variables) {
    complete(worker, key, variables, null);
  }

  /**
   * Completes the task as {@link #complete(Viewer, long, Map)}; approving a normal change with open
   * conflicts (the change manager's task, a CAB member's approval) needs {@code overrideReason},
   * which overrides them in the transaction that completes the task.
   *
   * @throws UnresolvedConflictsException approving a change with open conflicts without a reason
   */
  public void complete(
      final Viewer worker,
      final long key,
      final Map<String, Object> variables,
      final String overrideReason) {
    final UserTask task = task(worker, key);
    if (ApprovalTask.isApproval(task)) {
      approvals.decide(
          worker,
          task,
          text(variables.get("decision")),
          text(variables.get("comment")),
          overrideReason);
      return;
    }
    final Optional<Change> approving =
        changeAuthorizations.managerApproval(task, variables, overrideReason);
    if (task.getAssignee() == null) {
      claim(worker, key);
    } else if (!task.getAssignee().equals(worker.username())) {
      throw TaskUnavailableException.assignedElsewhere(key, task.getAssignee());
    }
    incidentWork.completed(
        task.getProcessInstanceKey(),
        variables,
        worker.username(),
        () -> {
          approving.ifPresent(
              change ->
                  changeAuthorizations.beforeApproval(change, overrideReason, worker.username()));
          engine(
              key, () -> client.newCompleteUserTaskCommand(key).variables(variables).send().join());
        });
  }

  /**
   * The change {@code task} authorizes (the change manager's task, or a CAB approval of a change),
   * with its open conflicts for whoever decides.
   */
  public Optional<ChangeAuthorizationGate.UnderAuthorization> changeAuthorization(
      final UserTask task) {
    return ApprovalTask.isApproval(task)
        ? approvals.ofTask(task).flatMap(a -> changeAuthorizations.ofRecord(a.recordNumber()))
        : changeAuthorizations.ofTask(task);
  }

  /**
   * An approval belongs to its approver: handed on only by delegation (My approvals), never by
   * claiming or assigning, so that the approver, the checks and the record stay in step.
   */
  private static void requireNotApproval(final UserTask task) {
    if (ApprovalTask.isApproval(task)) {
      throw new TaskUnavailableException(
          HttpStatus.CONFLICT,
          "Task "
              + task.getUserTaskKey()
              + " is an approval: its approver decides it or delegates it in My approvals.");
    }
  }

  private static String text(final Object value) {
    return value == null ? null : String.valueOf(value);
  }

  /** The open task of a process instance that is offered to the viewer, if there is one. */
  public Optional<UserTask> openTaskOf(final Viewer viewer, final long processInstanceKey) {
    return client
        .newUserTaskSearchRequest()
        .filter(f -> f.processInstanceKey(processInstanceKey).state(UserTaskState.CREATED))
        .send()
        .join()
        .items()
        .stream()
        .filter(task -> TaskOffer.offeredTo(viewer, task))
        .findFirst();
  }

  /** The form the engine links to the task (the deployed version), if any. */
  public Optional<FormSchema> form(final UserTask task) {
    return forms.ofTask(task);
  }

  /** Runs an engine command, turning "not found" into "no longer open". */
  private static void engine(final long key, final Runnable command) {
    try {
      command.run();
    } catch (ClientHttpException e) {
      if (e.code() == HttpStatus.NOT_FOUND.value()) {
        throw TaskUnavailableException.noLongerOpen(key);
      }
      throw e;
    }
  }

  /** The assignees a worker may hand a task to: members of the task's candidate groups. */
  static Set<String> colleagues(final UserTask task, final Function<String, List<String>> members) {
    final Set<String> colleagues = new TreeSet<>();
    if (task.getCandidateGroups() != null) {
      task.getCandidateGroups().forEach(group -> colleagues.addAll(members.apply(group)));
    }
    if (task.getCandidateUsers() != null) {
      colleagues.addAll(task.getCandidateUsers());
    }
    return colleagues;
  }
}
