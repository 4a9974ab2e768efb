package io.flowdesk.app.operate.definition;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.CamundaFuture;
import io.camunda.client.api.command.ClientHttpException;
import io.camunda.client.api.search.response.ProcessDefinition;
import io.camunda.client.api.statistics.response.ProcessElementStatistics;
import io.flowdesk.app.diagram.BpmnDiagram;
import io.flowdesk.app.diagram.ElementCounts;
import io.flowdesk.app.diagram.ProcessDiagrams;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * A process definition's page: the definition, its sibling versions, its instance counts and the
 * engine's element statistics ({@code /v2/process-definitions/{key}/statistics/element-instances})
 * drawn as badges on the diagram. The questions after the definition itself go out together.
 */
@Component
class DefinitionPages {

  private static final int MAX_VERSIONS = 1000;

  private final CamundaClient client;
  private final ProcessDiagrams diagrams;
  private final InstanceCounting counting;

  DefinitionPages(
      final CamundaClient client, final ProcessDiagrams diagrams, final InstanceCounting counting) {
    this.client = client;
    this.diagrams = diagrams;
    this.counting = counting;
  }

  /** The page of definition {@code key}; empty when the engine does not know it. */
  Optional<DefinitionPage> of(final long key) {
    final ProcessDefinition definition;
    try {
      definition = client.newProcessDefinitionGetRequest(key).send().join();
    } catch (ClientHttpException e) {
      if (e.code() == 404) {
        return Optional.empty();
      }
      throw e;
    }
    final CamundaFuture<List<ProcessElementStatistics>> statistics =
        client.newProcessDefinitionElementStatisticsRequest(key).send();
    final InstanceCounting.Pending counts = counting.ofDefinition(key);
    final List<ProcessDefinition> versions =
        client
            .newProcessDefinitionSearchRequest()
            .filter(f -> f.processDefinitionId(definition.getProcessDefinitionId()))
            .sort(s -> s.version().desc())
            .page(p -> p.limit(MAX_VERSIONS))
            .send()
            .join()
            .items();
    final BpmnDiagram diagram = diagrams.ofDefinition(key);
    final Map<String, ElementCounts> perElement = new HashMap<>();
    for (final ProcessElementStatistics element : statistics.join()) {
      perElement.put(
          element.getElementId(),
          new ElementCounts(
              zeroIfNull(element.getActive()),
              zeroIfNull(element.getIncidents()),
              zeroIfNull(element.getCompleted())));
    }
    return Optional.of(
        new DefinitionPage(
            definition,
            versions,
            counts.join(),
            diagram.toSvgWithCounts(perElement),
            rows(diagram, perElement)));
  }

  /** The XML as deployed; empty when the engine does not know the definition. */
  Optional<String> xml(final long key) {
    try {
      return Optional.of(client.newProcessDefinitionGetXmlRequest(key).send().join());
    } catch (ClientHttpException e) {
      if (e.code() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** Drawn elements first, in drawing order; counted elements the drawing lacks after them. */
  private static List<ElementRow> rows(
      final BpmnDiagram diagram, final Map<String, ElementCounts> perElement) {
    final Set<String> order = new LinkedHashSet<>(diagram.drawnElementIds());
    perElement.keySet().stream().sorted().forEach(order::add);
    final List<ElementRow> rows = new ArrayList<>();
    for (final String id : order) {
      final ElementCounts counts = perElement.get(id);
      if (counts != null && !counts.isEmpty()) {
        rows.add(new ElementRow(id, diagram.nameOf(id), counts));
      }
    }
    return rows;
  }

  private static long zeroIfNull(final Long count) {
    return count == null ? 0 : count;
  }
}
