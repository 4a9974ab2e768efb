package io.flowdesk.app.diagram;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.CamundaFuture;
import io.camunda.client.api.command.ClientHttpException;
import io.camunda.client.api.search.enums.ElementInstanceState;
import io.camunda.client.api.search.response.ElementInstance;
import io.camunda.client.api.search.response.ProcessInstance;
import io.camunda.client.api.search.response.SearchResponse;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
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
  private final Map<Long, BpmnDiagram> parsed = lru(CACHED_DEFINITIONS);
  private final Map<Drawing, String> drawn = lru(CACHED_DRAWINGS);

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
    final DiagramHighlight highlight = DiagramHighlight.active(activeElements(active));
    final long definitionKey = instance.getProcessDefinitionKey();
    return Optional.of(
        cached(
            drawn,
            new Drawing(definitionKey, highlight),
            drawing ->
                cached(
                        parsed,
                        definitionKey,
                        key ->
                            BpmnDiagram.parse(
                                client.newProcessDefinitionGetXmlRequest(key).send().join()))
                    .toSvg(highlight)));
  }

  private static Set<String> activeElements(
      final CamundaFuture<SearchResponse<ElementInstance>> search) {
    return search.join().items().stream()
        .map(ElementInstance::getElementId)
        .collect(Collectors.toSet());
  }

  /**
   * The cached value, or a new one computed outside the lock: a page must not wait for another
   * page's engine call or drawing (two pages may compute the same value once each).
   */
  private static <K, V> V cached(final Map<K, V> cache, final K key, final Function<K, V> compute) {
    final V known = cache.get(key);
    if (known != null) {
      return known;
    }
    final V computed = compute.apply(key);
    cache.put(key, computed);
    return computed;
  }

  private static <K, V> Map<K, V> lru(final int capacity) {
    return Collections.synchronizedMap(
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(final Map.Entry<K, V> eldest) {
            return size() > capacity;
          }
        });
  }
}
