package io.flowdesk.app.inbox;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.response.Variable;
import io.flowdesk.domain.change.Change;
import io.flowdesk.domain.change.ChangeRecords;
import io.flowdesk.domain.incident.Incident;
import io.flowdesk.domain.incident.IncidentRecords;
import io.flowdesk.domain.knowledge.Article;
import io.flowdesk.domain.knowledge.KnowledgeArticles;
import io.flowdesk.domain.problem.Problem;
import io.flowdesk.domain.problem.ProblemRecords;
import io.flowdesk.domain.request.Request;
import io.flowdesk.domain.request.RequestRecords;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The business record a task's process instance works on: an incident through the instance's {@code
 * incidentId} variable, a request through {@code requestNumber} (both set when the app started the
 * process), a change, a problem or a knowledge article through the process instance key its record
 * keeps.
 */
@Component
public class TaskRecords {

  static final String INCIDENT_ID = "incidentId";
  static final String REQUEST_NUMBER = "requestNumber";

  private final CamundaClient client;
  private final IncidentRecords incidents;
  private final RequestRecords requests;
  private final ChangeRecords changes;
  private final ProblemRecords problems;
  private final KnowledgeArticles articles;

  TaskRecords(
      final CamundaClient client,
      final IncidentRecords incidents,
      final RequestRecords requests,
      final ChangeRecords changes,
      final ProblemRecords problems,
      final KnowledgeArticles articles) {
    this.client = client;
    this.incidents = incidents;
    this.requests = requests;
    this.changes = changes;
    this.problems = problems;
    this.articles = articles;
  }

  /**
   * The changes these process instances carry out, by process instance key: the change records keep
   * their instance's key, so no engine query.
   */
  public Map<Long, Change> changes(final Collection<Long> processInstanceKeys) {
    return changes.byProcessInstanceKeys(processInstanceKeys);
  }

  /** The problems these process instances work on, by process instance key; no engine query. */
  public Map<Long, Problem> problems(final Collection<Long> processInstanceKeys) {
    return problems.byProcessInstanceKeys(processInstanceKeys);
  }

  /** The knowledge articles these review instances are about, by process instance key. */
  public Map<Long, Article> articles(final Collection<Long> processInstanceKeys) {
    return articles.byProcessInstanceKeys(processInstanceKeys);
  }

  /**
   * The incidents of these process instances, by process instance key: one engine query for the
   * instances' {@code incidentId} variables, one SQL query for the records.
   */
  public Map<Long, Incident> incidents(final Collection<Long> processInstanceKeys) {
    if (processInstanceKeys.isEmpty()) {
      return Map.of();
    }
    final Long[] keys = processInstanceKeys.toArray(Long[]::new);
    final Map<Long, Long> incidentIdByInstance = new HashMap<>();
    for (final Variable variable :
        client
            .newVariableSearchRequest()
            .filter(f -> f.name(INCIDENT_ID).processInstanceKey(k -> k.in(keys)))
            .page(p -> p.limit(keys.length * 2))
            .send()
            .join()
            .items()) {
      incidentId(variable.getValue())
          .ifPresent(id -> incidentIdByInstance.put(variable.getProcessInstanceKey(), id));
    }
    final Map<Long, Incident> byId = incidents.findAll(incidentIdByInstance.values());
    final Map<Long, Incident> found = new HashMap<>();
    incidentIdByInstance.forEach(
        (instance, id) -> {
          final Incident incident = byId.get(id);
          if (incident != null) {
            found.put(instance, incident);
          }
        });
    return found;
  }

  /**
   * The requests these process instances fulfil, by process instance key: one engine query for the
   * instances' {@code requestNumber} variables, one SQL query for the records.
   */
  public Map<Long, Request> requests(final Collection<Long> processInstanceKeys) {
    if (processInstanceKeys.isEmpty()) {
      return Map.of();
    }
    final Long[] keys = processInstanceKeys.toArray(Long[]::new);
    final Map<Long, String> numberByInstance = new HashMap<>();
    for (final Variable variable :
        client
            .newVariableSearchRequest()
            .filter(f -> f.name(REQUEST_NUMBER).processInstanceKey(k -> k.in(keys)))
            .page(p -> p.limit(keys.length * 2))
            .send()
            .join()
            .items()) {
      requestNumber(variable.getValue())
          .ifPresent(number -> numberByInstance.put(variable.getProcessInstanceKey(), number));
    }
    final Map<String, Request> byNumber = requests.findAllByNumber(numberByInstance.values());
    final Map<Long, Request> found = new HashMap<>();
    numberByInstance.forEach(
        (instance, number) -> {
          final Request request = byNumber.get(number);
          if (request != null) {
            found.put(instance, request);
          }
        });
    return found;
  }

  Optional<Request> request(final long processInstanceKey) {
    return Optional.ofNullable(
        requests(java.util.List.of(processInstanceKey)).get(processInstanceKey));
  }

  Optional<Incident> incident(final long processInstanceKey) {
    return Optional.ofNullable(
        incidents(java.util.List.of(processInstanceKey)).get(processInstanceKey));
  }

  /** The variable's JSON string value ("REQ0000001" with its quotes), when it is one. */
  private static Optional<String> requestNumber(final String json) {
    final String value = json == null ? "" : json.trim();
    if (value.length() < 2 || !value.startsWith("\"") || !value.endsWith("\"")) {
      return Optional.empty();
    }
    return Optional.of(value.substring(1, value.length() - 1));
  }

  private static Optional<Long> incidentId(final String json) {
    try {
      return Optional.of(Long.parseLong(json.trim()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
