package io.flowdesk.app.inbox;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.response.Variable;
import io.flowdesk.domain.incident.Incident;
import io.flowdesk.domain.incident.IncidentRecords;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The business record a task's process instance works on, found through the instance's {@code
 * incidentId} variable (set when the app started the process).
 */
@Component
class TaskRecords {

  static final String INCIDENT_ID = "incidentId";

  private final CamundaClient client;
  private final IncidentRecords incidents;

  TaskRecords(final CamundaClient client, final IncidentRecords incidents) {
    this.client = client;
    this.incidents = incidents;
  }

  /** The incidents of these process instances, by process instance key; one engine query. */
  Map<Long, Incident> incidents(final Collection<Long> processInstanceKeys) {
    final Map<Long, Incident> found = new HashMap<>();
    if (processInstanceKeys.isEmpty()) {
      return found;
    }
    final Long[] keys = processInstanceKeys.toArray(Long[]::new);
    for (final Variable variable :
        client
            .newVariableSearchRequest()
            .filter(f -> f.name(INCIDENT_ID).processInstanceKey(k -> k.in(keys)))
            .page(p -> p.limit(keys.length * 2))
            .send()
            .join()
            .items()) {
      incidentId(variable.getValue())
          .flatMap(incidents::find)
          .ifPresent(incident -> found.put(variable.getProcessInstanceKey(), incident));
    }
    return found;
  }

  Optional<Incident> incident(final long processInstanceKey) {
    return Optional.ofNullable(
        incidents(java.util.List.of(processInstanceKey)).get(processInstanceKey));
  }

  private static Optional<Long> incidentId(final String json) {
    try {
      return Optional.of(Long.parseLong(json.trim()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
