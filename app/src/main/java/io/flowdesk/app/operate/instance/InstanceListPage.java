package io.flowdesk.app.operate.instance;

import io.camunda.client.api.search.response.ProcessInstance;
import java.util.List;

/** One page of the instance list: the instances found, and where the page is in all of them. */
public record InstanceListPage(
    List<ProcessInstance> instances, int page, int pageSize, long total) {

  static InstanceListPage empty() {
    return new InstanceListPage(List.of(), 0, InstanceList.PAGE_SIZE, 0);
  }

  public boolean hasPrevious() {
    return page > 0;
  }

  public boolean hasNext() {
    return (long) (page + 1) * pageSize < total;
  }

  public long lastPage() {
    return total == 0 ? 0 : (total - 1) / pageSize;
  }
}
