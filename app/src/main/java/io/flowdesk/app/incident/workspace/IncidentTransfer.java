package io.flowdesk.app.incident.workspace;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.response.UserTask;
import io.flowdesk.domain.directory.Directory;
import io.flowdesk.domain.incident.ChangeSource;
import io.flowdesk.domain.incident.Incident;
import io.flowdesk.domain.incident.IncidentChange;
import io.flowdesk.domain.incident.IncidentRecords;
import io.flowdesk.domain.incident.JournalKind;
import io.flowdesk.workers.incident.IncidentResolveTask;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Moves an incident to another assignment group, or to a member of its group. The open "Resolve
 * incident" task follows (its candidate groups, its assignee), in the transaction that changes the
 * record, so a refused engine command leaves the record as it was.
 */
@Component
public class IncidentTransfer {

  /** The most characters a transfer reason may have. */
  static final int MAX_REASON = 2000;

  private final IncidentRecords records;
  private final Directory directory;
  private final CamundaClient camunda;
  private final IncidentResolveTask resolveTask;

  IncidentTransfer(
      final IncidentRecords records, final Directory directory, final CamundaClient camunda) {
    this.records = records;
    this.directory = directory;
    this.camunda = camunda;
    this.resolveTask = new IncidentResolveTask(camunda);
  }

  /**
   * Transfers the incident to {@code group} for {@code reason} (a work note in the journal); the
   * assignee is cleared.
   *
   * @throws WorkspaceInputException naming the field: unknown group, the current one, no reason
   */
  @Transactional
  public Incident transfer(
      final Incident incident, final String group, final String reason, final String agent) {
    if (group == null || group.isBlank() || directory.group(group.strip()).isEmpty()) {
      throw WorkspaceInputException.of("group", "choose one of the assignment groups");
    }
    final String target = group.strip();
    if (target.equals(incident.assignmentGroup())) {
      throw WorkspaceInputException.of("group", "the incident is already with " + target);
    }
    final String why = Reasons.required(reason, "transferReason", MAX_REASON);
    final ChangeSource source = ChangeSource.person(agent);
    final Incident moved =
        records.change(
            incident.id(), IncidentChange.of().assignmentGroup(target).assignee(null), source);
    records.addJournalEntry(
        incident.id(),
        JournalKind.WORK_NOTE,
        "Transferred from "
            + (incident.assignmentGroup() == null ? "no group" : incident.assignmentGroup())
            + " to "
            + target
            + ": "
            + why,
        source);
    openTask(incident)
        .ifPresent(
            task -> {
              camunda
                  .newUpdateUserTaskCommand(task.getUserTaskKey())
                  .candidateGroups(target)
                  .send()
                  .join();
              if (task.getAssignee() != null) {
                camunda.newUnassignUserTaskCommand(task.getUserTaskKey()).send().join();
              }
            });
    return moved;
  }

  /**
   * Assigns the incident (and its open task) to {@code username}, a member of its group.
   *
   * @throws WorkspaceInputException the person is no member of the incident's group
   */
  @Transactional
  public Incident assign(final Incident incident, final String username, final String agent) {
    if (incident.assignmentGroup() == null
        || username == null
        || !directory.members(incident.assignmentGroup()).contains(username.strip())) {
      throw WorkspaceInputException.of(
          "assignee",
          "choose a member of "
              + (incident.assignmentGroup() == null ? "the group" : incident.assignmentGroup()));
    }
    final String member = username.strip();
    final Incident assigned =
        records.change(
            incident.id(), IncidentChange.of().assignee(member), ChangeSource.person(agent));
    openTask(incident)
        .ifPresent(
            task ->
                camunda
                    .newAssignUserTaskCommand(task.getUserTaskKey())
                    .assignee(member)
                    .send()
                    .join());
    return assigned;
  }

  private Optional<UserTask> openTask(final Incident incident) {
    return resolveTask.openTask(incident);
  }
}
