package io.flowdesk.app.approval;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientHttpException;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.response.UserTask;
import io.flowdesk.app.change.conflict.ChangeAuthorizationGate;
import io.flowdesk.app.security.Viewer;
import io.flowdesk.domain.approval.Approval;
import io.flowdesk.domain.approval.ApprovalAction;
import io.flowdesk.domain.approval.ApprovalStep;
import io.flowdesk.domain.approval.Approvals;
import io.flowdesk.domain.change.UnresolvedConflictsException;
import io.flowdesk.domain.directory.Directory;
import io.flowdesk.domain.directory.Person;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;

/**
 * Where approvers decide, whichever way they come (My approvals, the inbox, the API): each approval
 * is the signed-in person's only while its open task is assigned to them, a rejection needs a
 * comment, nobody decides their own request, a delegation needs a reason and a delegate who may
 * decide. The decision is recorded in the domain in the transaction that waits for the engine to
 * complete the task, so a refused completion records nothing.
 */
@Service
public class ApprovalDesk {

  static final int PAGE_LIMIT = 200;

  private final CamundaClient client;
  private final Approvals approvals;
  private final Directory directory;
  private final ApprovalForms forms;
  private final ChangeAuthorizationGate changeAuthorizations;
  private final Clock clock;

  ApprovalDesk(
      final CamundaClient client,
      final Approvals approvals,
      final Directory directory,
      final ApprovalForms forms,
      final ChangeAuthorizationGate changeAuthorizations,
      final Clock clock) {
    this.client = client;
    this.approvals = approvals;
    this.directory = directory;
    this.forms = forms;
    this.changeAuthorizations = changeAuthorizations;
    this.clock = clock;
  }

  /** The approver's open approvals, oldest task first. */
  public List<ApprovalTask> open(final Viewer approver) {
    final List<UserTask> tasks =
        client
            .newUserTaskSearchRequest()
            .filter(
                f ->
                    f.bpmnProcessId(ApprovalTask.PROCESS_ID)
                        .assignee(approver.username())
                        .state(UserTaskState.CREATED))
            .page(p -> p.limit(PAGE_LIMIT))
            .send()
            .join()
            .items();
    tasks.forEach(forms::seen);
    final Map<Long, Approval> byInstance =
        approvals.ofInstances(tasks.stream().map(UserTask::getProcessInstanceKey).toList());
    return tasks.stream()
        .filter(task -> byInstance.containsKey(task.getProcessInstanceKey()))
        .map(task -> new ApprovalTask(byInstance.get(task.getProcessInstanceKey()), task))
        .toList();
  }

  /**
   * The approval {@code id} while it asks the approver to decide, from the records alone (no engine
   * call): for the pages that show it. Deciding goes through {@link #find}, where the engine has
   * the last word.
   *
   * @throws ApprovalNotFoundException unknown, decided, or not the approver's
   */
  public Approval awaiting(final Viewer approver, final long id) {
    return approvals
        .find(id)
        .filter(approval -> approval.awaiting().contains(approver.username()))
        .orElseThrow(() -> new ApprovalNotFoundException(id));
  }

  /**
   * The approval {@code id} with the approver's open task in it.
   *
   * @throws ApprovalNotFoundException unknown, decided, or not the approver's
   */
  public ApprovalTask find(final Viewer approver, final long id) {
    final Approval approval =
        approvals.find(id).orElseThrow(() -> new ApprovalNotFoundException(id));
    return client
        .newUserTaskSearchRequest()
        .filter(
            f ->
                f.processInstanceKey(approval.processInstanceKey())
                    .assignee(approver.username())
                    .state(UserTaskState.CREATED))
        .send()
        .join()
        .items()
        .stream()
        .findFirst()
        .map(
            task -> {
              forms.seen(task);
              return new ApprovalTask(approval, task);
            })
        .orElseThrow(() -> new ApprovalNotFoundException(id));
  }

  /** The approval a task of process flowdesk-approval decides, if it opened one. */
  public Optional<Approval> ofTask(final UserTask task) {
    return approvals.ofInstance(task.getProcessInstanceKey());
  }

  /**
   * Decides approval {@code id}: {@code approve}, {@code reject} or {@code abstain} (the last two
   * with a comment). Approving a normal change with open conflicts needs {@code overrideReason}
   * ({@link ChangeAuthorizationGate}).
   *
   * @throws IllegalArgumentException naming the problem: another decision, a rejection or
   *     abstention without comment
   * @throws UnresolvedConflictsException approving a change with open conflicts without a reason
   */
  @Transactional
  public Approval decide(
      final Viewer approver,
      final long id,
      final String decision,
      final String comment,
      final String overrideReason) {
    return decide(approver, find(approver, id), decision, comment, overrideReason);
  }

  /** Decides the approval of an open task the approver holds (the inbox's way in). */
  @Transactional
  public Approval decide(
      final Viewer approver,
      final UserTask task,
      final String decision,
      final String comment,
      final String overrideReason) {
    final Approval approval =
        ofTask(task).orElseThrow(() -> new ApprovalNotFoundException(task.getUserTaskKey()));
    if (!approver.username().equals(task.getAssignee())) {
      throw new AccessDeniedException(
          "Approval " + approval.id() + " is " + task.getAssignee() + "'s to decide, not yours.");
    }
    return decide(approver, new ApprovalTask(approval, task), decision, comment, overrideReason);
  }

  private Approval decide(
      final Viewer approver,
      final ApprovalTask open,
      final String decision,
      final String comment,
      final String overrideReason) {
    final ApprovalAction vote = vote(decision);
    requireNotOwnRequest(open.approval(), approver.username());
    if (vote == ApprovalAction.APPROVED) {
      changeAuthorizations
          .ofRecord(open.approval().recordNumber())
          .ifPresent(
              change ->
                  changeAuthorizations.beforeApproval(
                      change.change(), overrideReason, approver.username()));
    }
    final Instant now = now();
    final Approval decided;
    try {
      decided =
          approvals.decide(
              open.approval().id(),
              open.task().getUserTaskKey(),
              approver.username(),
              vote,
              comment,
              delegatedFrom(open.approval(), approver.username()).orElse(null),
              now);
    } catch (IllegalArgumentException e) {
      // The decision itself was read above: what the domain refuses is the comment.
      throw new InvalidDecisionException("comment", capitalised(e.getMessage()));
    }
    final Map<String, Object> variables = new HashMap<>();
    variables.put("decision", decision);
    variables.put("comment", comment == null || comment.isBlank() ? null : comment.strip());
    variables.put("decidedBy", approver.username());
    variables.put("decidedAt", now.toString());
    complete(open.task(), variables);
    return decided;
  }

  /**
   * Hands approval {@code id} to {@code delegate}, saying why; they decide on the approver's
   * behalf.
   *
   * @throws IllegalArgumentException naming the problem: no such person, the requester, oneself, no
   *     reason
   */
  @Transactional
  public Approval delegate(
      final Viewer approver, final long id, final String delegate, final String reason) {
    final ApprovalTask open = find(approver, id);
    final String to = delegate == null ? "" : delegate.strip();
    if (to.isEmpty()) {
      throw new InvalidDecisionException("delegate", "Say whom to delegate to (a username).");
    }
    final Person person =
        directory
            .person(to)
            .filter(Person::enabled)
            .orElseThrow(
                () ->
                    new InvalidDecisionException(
                        "delegate", "There is nobody called '" + to + "' who can sign in."));
    if (to.equals(approver.username())) {
      throw new InvalidDecisionException(
          "delegate", "You cannot delegate an approval to yourself.");
    }
    if (open.approval().concerns(to)) {
      throw new InvalidDecisionException(
          "delegate", to + " may not approve their own request; delegate to somebody else.");
    }
    final Approval delegated;
    try {
      delegated =
          approvals.delegate(
              open.approval().id(),
              open.task().getUserTaskKey(),
              approver.username(),
              to,
              reason,
              now());
    } catch (IllegalArgumentException e) {
      throw new InvalidDecisionException("reason", capitalised(e.getMessage()));
    }
    final Map<String, Object> card = new LinkedHashMap<>();
    card.put("username", person.username());
    card.put("displayName", person.displayName());
    card.put("email", person.email());
    card.put("delegatedFrom", approver.username());
    card.put("escalatedFrom", null);
    final Map<String, Object> variables = new HashMap<>();
    variables.put("decision", "delegate");
    variables.put("delegateTo", card);
    complete(open.task(), variables);
    return delegated;
  }

  private static ApprovalAction vote(final String decision) {
    return switch (decision == null ? "" : decision) {
      case "approve" -> ApprovalAction.APPROVED;
      case "reject" -> ApprovalAction.REJECTED;
      case "abstain" -> ApprovalAction.ABSTAINED;
      default ->
          throw new InvalidDecisionException(
              "decision",
              "decision must be \"approve\", \"reject\" or \"abstain\", was "
                  + (decision == null ? "missing" : "\"" + decision + "\""));
    };
  }

  // The process never asks the requester; this holds should an administrator reassign the task.
  private static void requireNotOwnRequest(final Approval approval, final String username) {
    if (approval.concerns(username)) {
      throw new AccessDeniedException("Nobody approves their own request.");
    }
  }

  /** Whom the approver decides for: the one who delegated to them, if anyone. */
  private static Optional<String> delegatedFrom(final Approval approval, final String username) {
    final List<ApprovalStep> steps = approval.steps();
    for (int i = steps.size() - 1; i >= 0; i--) {
      final ApprovalStep step = steps.get(i);
      if (step.action() == ApprovalAction.DELEGATED && username.equals(step.handedTo())) {
        return Optional.of(step.actor());
      }
    }
    return Optional.empty();
  }

  private void complete(final UserTask task, final Map<String, Object> variables) {
    try {
      client.newCompleteUserTaskCommand(task.getUserTaskKey()).variables(variables).send().join();
    } catch (ClientHttpException e) {
      if (e.code() == HttpStatus.NOT_FOUND.value()) {
        throw new ResponseStatusException(
            HttpStatus.CONFLICT, "This approval was decided meanwhile; nothing was recorded.");
      }
      throw e;
    }
  }

  private static String capitalised(final String message) {
    return message.isEmpty()
        ? message
        : Character.toUpperCase(message.charAt(0)) + message.substring(1) + ".";
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.SECONDS);
  }
}
