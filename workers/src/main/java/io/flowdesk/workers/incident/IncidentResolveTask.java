package io.flowdesk.workers.incident;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.response.UserTask;
import io.flowdesk.domain.incident.Incident;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves an incident the way an agent does: by completing its open "Resolve incident" user task
 * (process {@code incident}, element {@value #ELEMENT_ID}) with outcome {@code resolve}, so the
 * incident's own model records the resolution and tells its caller. For whatever resolves incidents
 * on their behalf: a resolved problem, a resolved monitoring alert.
 */
public class IncidentResolveTask {

  /** The incident model's task an agent resolves it with (processes/incident.bpmn). */
  public static final String ELEMENT_ID = "resolveIncident";

  private final CamundaClient camunda;

  public IncidentResolveTask(final CamundaClient camunda) {
    this.camunda = camunda;
  }

  /**
   * Completes the incident's open resolve task with {@code resolutionCode} (a code of the resolve
   * form) and {@code notes}; false when the incident has no open resolve task (not yet assigned to
   * a group, on hold, or ended), which the caller reports.
   */
  public boolean resolve(final Incident incident, final String resolutionCode, final String notes) {
    final Optional<UserTask> task = openTask(incident);
    task.ifPresent(
        open ->
            camunda
                .newCompleteUserTaskCommand(open.getUserTaskKey())
                .variables(
                    Map.of(
                        "outcome", "resolve",
                        "resolutionCode", resolutionCode,
                        "resolutionNotes", notes))
                .send()
                .join());
    return task.isPresent();
  }

  /** The incident's open "Resolve incident" task, if it has one. */
  public Optional<UserTask> openTask(final Incident incident) {
    if (incident.processInstanceKey() == null) {
      return Optional.empty();
    }
    return camunda
        .newUserTaskSearchRequest()
        .filter(
            f ->
                f.processInstanceKey(incident.processInstanceKey())
                    .elementId(ELEMENT_ID)
                    .state(UserTaskState.CREATED))
        .send()
        .join()
        .items()
        .stream()
        .findFirst();
  }
}
