package io.flowdesk.app.change.conflict;

import io.camunda.client.api.search.response.UserTask;
import io.flowdesk.domain.change.Change;
import io.flowdesk.domain.change.ChangeRecords;
import io.flowdesk.domain.change.ChangeType;
import io.flowdesk.domain.change.UnresolvedConflictsException;
import io.flowdesk.domain.change.conflict.ChangeConflict;
import io.flowdesk.domain.change.conflict.ChangeConflicts;
import io.flowdesk.domain.record.Actor;
import io.flowdesk.domain.record.RecordKind;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * Where a change is authorized (the change manager's task in the inbox, a CAB member's approval in
 * My approvals, the inbox or the API), a normal change with open conflicts is approved only with an
 * override reason: the reason overrides them (recorded on the change) in the transaction that
 * completes the decision, so a refused completion leaves them open. Rejecting needs no reason. The
 * domain refuses the approval too (V24), for every other path.
 */
@Component
public class ChangeAuthorizationGate {

  /** The change model's user task in which the change manager authorizes (change-normal.bpmn). */
  static final String CHANGE_MANAGER_TASK = "changeManagerAuthorizes";

  /**
   * The page parameter with the override reason: the text area under the conflicts, which belongs
   * to the page, not to the task's form.
   */
  public static final String OVERRIDE_REASON = "overrideReason";

  private final ChangeRecords changes;
  private final ChangeConflicts conflicts;

  ChangeAuthorizationGate(final ChangeRecords changes, final ChangeConflicts conflicts) {
    this.changes = changes;
    this.conflicts = conflicts;
  }

  /** The posted form without the page's override reason, for the form's validation. */
  public static MultiValueMap<String, String> formFields(final MultiValueMap<String, String> post) {
    final MultiValueMap<String, String> fields = new LinkedMultiValueMap<>(post);
    fields.remove(OVERRIDE_REASON);
    return fields;
  }

  /** A change being authorized, with its open conflicts (shown to whoever decides). */
  public record UnderAuthorization(Change change, List<ChangeConflict> openConflicts) {
    public boolean needsOverride() {
      return change.type() == ChangeType.NORMAL && !openConflicts.isEmpty();
    }
  }

  /** The change a record number names (an approval's record), when it is one. */
  public Optional<UnderAuthorization> ofRecord(final String recordNumber) {
    if (recordNumber == null || !RecordKind.CHANGE.numbers(recordNumber)) {
      return Optional.empty();
    }
    return changes.findByNumber(recordNumber).map(this::under);
  }

  /** The change whose manager's authorization {@code task} is, when it is such a task. */
  public Optional<UnderAuthorization> ofTask(final UserTask task) {
    if (!CHANGE_MANAGER_TASK.equals(task.getElementId())) {
      return Optional.empty();
    }
    return changes.findByProcessInstanceKey(task.getProcessInstanceKey()).map(this::under);
  }

  private UnderAuthorization under(final Change change) {
    return new UnderAuthorization(
        change, conflicts.openFor(List.of(change.id())).getOrDefault(change.id(), List.of()));
  }

  /**
   * Before {@code username} approves the change: overrides its open conflicts with {@code reason}
   * when it is a normal change that has any.
   *
   * @throws UnresolvedConflictsException it has open conflicts and no reason was given
   * @throws IllegalArgumentException the reason is too long
   */
  public void beforeApproval(final Change change, final String reason, final String username) {
    if (requireReason(change, reason)) {
      conflicts.override(change.id(), reason, Actor.person(username));
    }
  }

  /**
   * Checks, writing nothing, that approving the change may go ahead with {@code reason}; answers
   * whether the reason will override conflicts.
   *
   * @throws UnresolvedConflictsException it has open conflicts and no reason was given
   */
  public boolean requireReason(final Change change, final String reason) {
    if (!conflicts.needsOverride(change.id(), change.type())) {
      return false;
    }
    if (reason == null || reason.isBlank()) {
      throw new UnresolvedConflictsException(change.number(), conflicts.openCount(change.id()));
    }
    return true;
  }

  /** Whether the change manager's task {@code variables} approve the change. */
  static boolean approves(final Map<String, Object> variables) {
    return "approved".equals(variables.get("authorizationDecision"));
  }

  /**
   * The change the change manager approves by completing {@code task} with {@code variables}, if
   * that is what the completion does; checked like {@link #requireReason}.
   */
  public Optional<Change> managerApproval(
      final UserTask task, final Map<String, Object> variables, final String reason) {
    if (!approves(variables)) {
      return Optional.empty();
    }
    final Optional<Change> change = ofTask(task).map(UnderAuthorization::change);
    change.ifPresent(c -> requireReason(c, reason));
    return change;
  }
}
