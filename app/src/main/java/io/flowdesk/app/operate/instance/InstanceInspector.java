package io.flowdesk.app.operate.instance;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.CamundaFuture;
import io.camunda.client.api.command.ClientHttpException;
import io.camunda.client.api.search.enums.ElementInstanceState;
import io.camunda.client.api.search.enums.IncidentState;
import io.camunda.client.api.search.response.ElementInstance;
import io.camunda.client.api.search.response.Incident;
import io.camunda.client.api.search.response.ProcessInstance;
import io.camunda.client.api.search.response.ProcessInstanceCallHierarchyEntryResponse;
import io.camunda.client.api.search.response.SearchResponse;
import io.camunda.client.api.search.response.Variable;
import io.camunda.client.api.statistics.response.ProcessElementStatistics;
import io.flowdesk.app.diagram.DiagramHighlight;
import io.flowdesk.app.diagram.ProcessDiagrams;
import io.flowdesk.app.inbox.TaskRecords;
import io.flowdesk.app.operate.instance.InstancePage.RecordLink;
import io.flowdesk.app.operate.instance.InstancePage.VariableScope;
import io.flowdesk.domain.problem.ProblemRecords;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.stereotype.Service;

/**
 * Reads one process instance for the instance page through the camunda client: the questions go to
 * the engine together, so the page waits for the slowest, not for their sum.
 */
@Service
class InstanceInspector {

  private static final int MANY = 1000;

  private final CamundaClient client;
  private final ProcessDiagrams diagrams;
  private final TaskRecords records;
  private final ProblemRecords problems;

  InstanceInspector(
      final CamundaClient client,
      final ProcessDiagrams diagrams,
      final TaskRecords records,
      final ProblemRecords problems) {
    this.client = client;
    this.diagrams = diagrams;
    this.records = records;
    this.problems = problems;
  }

  /** The instance, or empty when the engine does not know it. */
  Optional<ProcessInstance> instance(final long key) {
    try {
      return Optional.of(client.newProcessInstanceGetRequest(key).send().join());
    } catch (ClientHttpException e) {
      if (e.code() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** The whole page, or empty when the engine does not know the instance. */
  Optional<InstancePage> page(final long key) {
    final CamundaFuture<SearchResponse<ElementInstance>> elements =
        client
            .newElementInstanceSearchRequest()
            .filter(f -> f.processInstanceKey(key))
            .page(p -> p.limit(MANY))
            .send();
    final CamundaFuture<SearchResponse<Incident>> incidents =
        client
            .newIncidentSearchRequest()
            .filter(f -> f.processInstanceKey(key))
            .page(p -> p.limit(MANY))
            .send();
    final CamundaFuture<SearchResponse<Variable>> variables =
        client
            .newVariableSearchRequest()
            .filter(f -> f.processInstanceKey(key))
            .page(p -> p.limit(MANY))
            .send();
    final CamundaFuture<SearchResponse<ProcessInstance>> children =
        client
            .newProcessInstanceSearchRequest()
            .filter(f -> f.parentProcessInstanceKey(key))
            .sort(s -> s.startDate().asc())
            .page(p -> p.limit(MANY))
            .send();
    final CamundaFuture<List<ProcessElementStatistics>> elementStatistics =
        client.newProcessInstanceElementStatisticsRequest(key).send();
    final Optional<ProcessInstance> found = instance(key);
    if (found.isEmpty()) {
      List.of(elements, incidents, variables, children, elementStatistics)
          .forEach(f -> f.cancel(true));
      return Optional.empty();
    }
    final ProcessInstance instance = found.get();
    final List<ProcessElementStatistics> statistics = elementStatistics.join();
    // Live and ended ones (the engine answers both for a named instance, as Camunda does).
    final List<ElementInstance> history =
        elements.join().items().stream()
            .sorted(
                Comparator.comparing(
                        ElementInstance::getStartDate,
                        Comparator.nullsLast(Comparator.<OffsetDateTime>naturalOrder()))
                    .thenComparing(ElementInstance::getElementInstanceKey))
            .toList();
    final List<ElementInstance> live =
        history.stream().filter(e -> e.getState() == ElementInstanceState.ACTIVE).toList();
    final List<Incident> allIncidents =
        incidents.join().items().stream()
            .sorted(
                Comparator.comparing((Incident i) -> i.getState() != IncidentState.ACTIVE)
                    .thenComparing(Incident::getIncidentKey))
            .toList();
    final DiagramHighlight highlight =
        new DiagramHighlight(
            ids(live.stream().map(ElementInstance::getElementId)),
            ids(
                Stream.concat(
                    statistics.stream()
                        .filter(s -> s.getCompleted() != null && s.getCompleted() > 0)
                        .map(ProcessElementStatistics::getElementId),
                    history.stream()
                        .filter(e -> e.getState() == ElementInstanceState.COMPLETED)
                        .map(ElementInstance::getElementId))),
            ids(
                allIncidents.stream()
                    .filter(i -> i.getState() == IncidentState.ACTIVE)
                    .map(Incident::getElementId)));
    return Optional.of(
        new InstancePage(
            instance,
            diagrams.of(instance.getProcessDefinitionKey(), highlight),
            history,
            statistics.stream()
                .filter(
                    s ->
                        (s.getCompleted() != null && s.getCompleted() > 0)
                            || (s.getCanceled() != null && s.getCanceled() > 0))
                .toList(),
            allIncidents,
            scopes(instance, history, variables.join().items()),
            ancestors(key, instance),
            children.join().items(),
            record(key).orElse(null)));
  }

  private static Set<String> ids(final Stream<String> ids) {
    return ids.filter(id -> id != null).collect(Collectors.toSet());
  }

  private List<ProcessInstanceCallHierarchyEntryResponse> ancestors(
      final long key, final ProcessInstance instance) {
    if (instance.getParentProcessInstanceKey() == null) {
      return List.of();
    }
    final List<ProcessInstanceCallHierarchyEntryResponse> hierarchy =
        client.newProcessInstanceGetCallHierarchyRequest(key).send().join();
    return hierarchy.stream().filter(entry -> entry.getProcessInstanceKey() != key).toList();
  }

  /** The variables by scope: the process instance first, then element scopes as they started. */
  private static List<VariableScope> scopes(
      final ProcessInstance instance,
      final List<ElementInstance> elements,
      final List<Variable> variables) {
    final Map<Long, List<Variable>> byScope =
        variables.stream()
            .sorted(Comparator.comparing(Variable::getName))
            .collect(
                Collectors.groupingBy(
                    Variable::getScopeKey, LinkedHashMap::new, Collectors.toList()));
    final List<VariableScope> scopes = new ArrayList<>();
    final long root = instance.getProcessInstanceKey();
    scopes.add(
        new VariableScope(
            root,
            "Process " + instance.getProcessDefinitionId(),
            byScope.getOrDefault(root, List.of())));
    for (final ElementInstance element : elements) {
      final List<Variable> local = byScope.get(element.getElementInstanceKey());
      if (local != null && element.getElementInstanceKey() != root) {
        scopes.add(
            new VariableScope(
                element.getElementInstanceKey(),
                "Element " + element.getElementId() + " (" + element.getElementInstanceKey() + ")",
                local));
      }
    }
    return scopes;
  }

  /** The Flowdesk record the instance works on: an incident, a request, a change or a problem. */
  private Optional<RecordLink> record(final long key) {
    final List<Long> keys = List.of(key);
    final var incident = records.incidents(keys).get(key);
    if (incident != null) {
      return Optional.of(
          new RecordLink("Incident", incident.number(), "/incidents/" + incident.number()));
    }
    final var request = records.requests(keys).get(key);
    if (request != null) {
      return Optional.of(
          new RecordLink("Request", request.number(), "/requests/" + request.number()));
    }
    final var change = records.changes(keys).get(key);
    if (change != null) {
      return Optional.of(new RecordLink("Change", change.number(), "/changes/" + change.number()));
    }
    return problems
        .findByProcessInstanceKey(key)
        .map(p -> new RecordLink("Problem", p.number(), "/problems/" + p.number()));
  }
}
