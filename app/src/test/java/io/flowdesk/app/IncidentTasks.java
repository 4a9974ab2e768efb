package io.flowdesk.app;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.response.UserTask;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.flowdesk.domain.incident.ChangeSource;
import io.flowdesk.domain.incident.Incident;
import io.flowdesk.domain.incident.IncidentChange;
import io.flowdesk.domain.incident.IncidentRecords;
import io.flowdesk.domain.incident.Level;
import io.flowdesk.domain.incident.NewIncident;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;

/**
 * Incidents waiting in a "Resolve incident" task offered to the service desk: the record as the
 * portal would create it, and a stand-in process holding just that task (with the packaged {@code
 * resolve-incident} form), so inbox tests do not depend on the real process's workers.
 */
public final class IncidentTasks {

  public static final String PROCESS = "inbox-test-incident";
  public static final String TASK = "resolveIncident";

  private final CamundaClient client;
  private final IncidentRecords records;

  public IncidentTasks(final CamundaClient client, final IncidentRecords records) {
    this.client = client;
    this.records = records;
    client
        .newDeployResourceCommand()
        .addProcessModel(
            Bpmn.createExecutableProcess(PROCESS)
                .startEvent()
                .userTask(
                    TASK,
                    task ->
                        task.name("Resolve incident")
                            .zeebeUserTask()
                            .zeebeCandidateGroups("service-desk")
                            .zeebeFormId("resolve-incident"))
                .endEvent()
                .done(),
            PROCESS + ".bpmn")
        .send()
        .join();
  }

  /** An incident from {@code caller} whose task is open; answers the record and the task. */
  public Waiting reportedBy(
      final String caller, final String shortDescription, final String description) {
    final Incident reported =
        records.report(
            new NewIncident(
                caller, shortDescription, description, "network", null, Level.HIGH, Level.LOW),
            ChangeSource.person(caller));
    final long instance =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId(PROCESS)
            .latestVersion()
            .variables(Map.of("incidentId", reported.id(), "incidentNumber", reported.number()))
            .send()
            .join()
            .getProcessInstanceKey();
    final Incident linked =
        records.change(
            reported.id(),
            IncidentChange.of().processInstanceKey(instance).assignmentGroup("service-desk"),
            ChangeSource.person(caller));
    return new Waiting(linked, awaitTask(instance));
  }

  private UserTask awaitTask(final long processInstanceKey) {
    return Awaitility.await("the task of instance " + processInstanceKey)
        .atMost(Duration.ofSeconds(15))
        .until(
            () ->
                client
                    .newUserTaskSearchRequest()
                    .filter(
                        f -> f.processInstanceKey(processInstanceKey).state(UserTaskState.CREATED))
                    .send()
                    .join()
                    .items(),
            tasks -> !tasks.isEmpty())
        .get(0);
  }

  /** Whether the task is still open. */
  public boolean open(final long userTaskKey) {
    final List<UserTask> tasks =
        client
            .newUserTaskSearchRequest()
            .filter(f -> f.userTaskKey(userTaskKey).state(UserTaskState.CREATED))
            .send()
            .join()
            .items();
    return !tasks.isEmpty();
  }

  /** An incident and its open task. */
  public record Waiting(Incident incident, UserTask task) {
    public long key() {
      return task.getUserTaskKey();
    }

    public String number() {
      return incident.number();
    }
  }
}
