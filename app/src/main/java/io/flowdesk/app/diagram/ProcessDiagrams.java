package io.flowdesk.app.diagram;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientHttpException;
import io.camunda.client.api.search.enums.ElementInstanceState;
import io.camunda.client.api.search.response.ElementInstance;
import io.camunda.client.api.search.response.ProcessInstance;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * A process instance's diagram as the engine deployed it, with the elements it is at now marked;
 * asked through the camunda client, so it works against a Camunda 8 cluster as well.
 */
@Component
public class ProcessDiagrams {

  // Deployed definitions never change, so a parsed diagram stays valid; a few dozen cover the
  // processes in use.
  private static final int CACHED_DEFINITIONS = 64;

  private final CamundaClient client;
  private final Map<Long, BpmnDiagram> parsed =
      Collections.synchronizedMap(
          new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(final Map.Entry<Long, BpmnDiagram> eldest) {
              return size() > CACHED_DEFINITIONS;
            }
          });

  ProcessDiagrams(final CamundaClient client) {
    this.client = client;
  }

  /**
   * The SVG of the instance's process with its active elements marked; empty when the engine no
   * longer knows the instance. Safe to insert unescaped (see {@link BpmnDiagram}).
   */
  public Optional<String> of(final long processInstanceKey) {
    final ProcessInstance instance;
    try {
      instance = client.newProcessInstanceGetRequest(processInstanceKey).send().join();
    } catch (ClientHttpException e) {
      if (e.code() == 404) {
        return Optional.empty();
      }
      throw e;
    }
    final BpmnDiagram diagram =
        parsed.computeIfAbsent(
            instance.getProcessDefinitionKey(),
            key -> BpmnDiagram.parse(client.newProcessDefinitionGetXmlRequest(key).send().join()));
    return Optional.of(diagram.toSvg(DiagramHighlight.active(activeElements(processInstanceKey))));
  }

  private Set<String> activeElements(final long processInstanceKey) {
    return client
        .newElementInstanceSearchRequest()
        .filter(f -> f.processInstanceKey(processInstanceKey).state(ElementInstanceState.ACTIVE))
        .page(p -> p.limit(1000))
        .send()
        .join()
        .items()
        .stream()
        .map(ElementInstance::getElementId)
        .collect(Collectors.toSet());
  }
}
