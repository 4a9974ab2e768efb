package io.flowdesk.app.diagram;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.CamundaFuture;
import io.camunda.client.api.command.ClientHttpException;
import io.camunda.client.api.search.enums.ElementInstanceState;
import io.camunda.client.api.search.response.ElementInstance;
import io.camunda.client.api.search.response.ProcessInstance;
import io.camunda.client.api.search.response.SearchResponse;
import io.flowdesk.app.system.RecentlyUsed;
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
  // Most instances of a process wait at one of a handful of elements, so the same few drawings
  // serve nearly every record page; drawing one costs more than the rest of the page.
  private static final int CACHED_DRAWINGS = 256;

  private final CamundaClient client;
  private final RecentlyUsed<Long, BpmnDiagram> parsed = new RecentlyUsed<>(CACHED_DEFINITIONS);
  private final RecentlyUsed<Drawing, String> drawn = new RecentlyUsed<>(CACHED_DRAWINGS);

  ProcessDiagrams(final CamundaClient client) {
    this.client = client;
  }

  /** One drawing: a definition with some elements marked. */
  private record Drawing(long processDefinitionKey, DiagramHighlight highlight) {}

  /**
   * The SVG of the instance's process with its active elements marked; empty when the engine no
   * longer knows the instance. Safe to insert unescaped (see {@link BpmnDiagram}).
   */
  public Optional<String> of(final long processInstanceKey) {
    // Both questions go to the engine at once: the page waits for the slower, not for the sum.
    final CamundaFuture<SearchResponse<ElementInstance>> active =
        client
            .newElementInstanceSearchRequest()
            .filter(
                f -> f.processInstanceKey(processInstanceKey).state(ElementInstanceState.ACTIVE))
            .page(p -> p.limit(1000))
            .send();
    final ProcessInstance instance;
    try {
      instance = client.newProcessInstanceGetRequest(processInstanceKey).send().join();
    } catch (ClientHttpException e) {
      active.cancel(true);
      if (e.code() == 404) {
        return Optional.empty();
      }
      throw e;
    }
    return Optional.of(
        of(instance.getProcessDefinitionKey(), DiagramHighlight.active(activeElements(active))));
  }

  /**
   * The SVG of a deployed process with {@code highlight}'s marks, for pages that know more of an
   * instance than where it is (the operations console). Safe to insert unescaped.
   */
  public String of(final long processDefinitionKey, final DiagramHighlight highlight) {
    return drawn.get(
        new Drawing(processDefinitionKey, highlight),
        drawing -> ofDefinition(processDefinitionKey).toSvg(highlight));
  }

  /**
   * The parsed diagram of a deployed process definition, kept as definitions never change.
   *
   * @throws io.camunda.client.api.command.ClientHttpException 404 when the engine does not know it
   */
  public BpmnDiagram ofDefinition(final long processDefinitionKey) {
    return parsed.get(
        processDefinitionKey,
        key -> BpmnDiagram.parse(client.newProcessDefinitionGetXmlRequest(key).send().join()));
  }

  private static Set<String> activeElements(
      final CamundaFuture<SearchResponse<ElementInstance>> search) {
    return search.join().items().stream()
        .map(ElementInstance::getElementId)
        .collect(Collectors.toSet());
  }
}
