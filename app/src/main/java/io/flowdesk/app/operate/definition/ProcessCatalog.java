package io.flowdesk.app.operate.definition;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.response.ProcessDefinition;
import io.camunda.client.api.search.response.SearchResponse;
import io.flowdesk.app.system.PageNumbers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The deployed processes, a page of process ids at a time: the latest versions are searched and
 * paged by the engine (name search included), then the versions of the page's processes and their
 * instance counts are asked for together.
 */
@Component
class ProcessCatalog {

  // One page's processes have far fewer versions than this; more would be a list no one reads.
  private static final int MAX_VERSIONS = 1000;

  private final CamundaClient client;
  private final InstanceCounting counting;

  ProcessCatalog(final CamundaClient client, final InstanceCounting counting) {
    this.client = client;
    this.counting = counting;
  }

  /** Page {@code page} of the processes whose latest version's name contains {@code query}. */
  Listing<DeployedProcess> list(final String query, final int page) {
    final String text = query == null ? "" : query.strip();
    final int from = PageNumbers.within(page) * Listing.PAGE_SIZE;
    final SearchResponse<ProcessDefinition> latest =
        client
            .newProcessDefinitionSearchRequest()
            .filter(
                f -> {
                  f.isLatestVersion(true);
                  if (!text.isEmpty()) {
                    f.name(name -> name.like("*" + text + "*"));
                  }
                })
            .sort(s -> s.processDefinitionId().asc())
            .page(p -> p.from(from).limit(Listing.PAGE_SIZE))
            .send()
            .join();
    final List<String> ids =
        latest.items().stream().map(ProcessDefinition::getProcessDefinitionId).toList();
    final long total = latest.page().totalItems() == null ? 0 : latest.page().totalItems();
    if (ids.isEmpty()) {
      return new Listing<>(List.of(), PageNumbers.within(page), total, text);
    }
    final Map<String, InstanceCounting.Pending> counts = new LinkedHashMap<>();
    ids.forEach(id -> counts.put(id, counting.ofProcess(id)));
    final Map<String, List<ProcessDefinition>> versions = new LinkedHashMap<>();
    ids.forEach(id -> versions.put(id, new ArrayList<>()));
    client
        .newProcessDefinitionSearchRequest()
        .filter(f -> f.processDefinitionId(id -> id.in(ids)))
        .sort(s -> s.processDefinitionId().asc().version().desc())
        .page(p -> p.limit(MAX_VERSIONS))
        .send()
        .join()
        .items()
        .forEach(
            version ->
                versions
                    .computeIfAbsent(version.getProcessDefinitionId(), id -> new ArrayList<>())
                    .add(version));
    final List<DeployedProcess> processes = new ArrayList<>();
    for (final ProcessDefinition definition : latest.items()) {
      final String id = definition.getProcessDefinitionId();
      final List<ProcessDefinition> all = versions.get(id);
      processes.add(
          new DeployedProcess(
              id,
              definition.getName() == null || definition.getName().isBlank()
                  ? id
                  : definition.getName(),
              all.isEmpty() ? List.of(definition) : all,
              counts.get(id).join()));
    }
    return new Listing<>(processes, PageNumbers.within(page), total, text);
  }
}
