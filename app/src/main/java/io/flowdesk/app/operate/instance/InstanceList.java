package io.flowdesk.app.operate.instance;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.response.ProcessInstance;
import io.camunda.client.api.search.response.SearchResponse;
import org.springframework.stereotype.Service;

/** The process instances the console lists, searched through the camunda client. */
@Service
class InstanceList {

  static final int PAGE_SIZE = 50;

  private final CamundaClient client;
  private final ObjectMapper json;

  InstanceList(final CamundaClient client, final ObjectMapper json) {
    this.client = client;
    this.json = json;
  }

  /** A page of the instances {@code filter} finds; the filter must have no problems. */
  InstanceListPage search(
      final InstanceFilter filter,
      final InstanceSort sort,
      final boolean descending,
      final int page) {
    final SearchResponse<ProcessInstance> found =
        client
            .newProcessInstanceSearchRequest()
            .filter(filter.toEngineFilter(json))
            .sort(sort.sort(descending))
            .page(p -> p.from(page * PAGE_SIZE).limit(PAGE_SIZE))
            .send()
            .join();
    return new InstanceListPage(
        found.items(),
        page,
        PAGE_SIZE,
        found.page().totalItems(),
        Boolean.TRUE.equals(found.page().hasMoreTotalItems()));
  }
}
