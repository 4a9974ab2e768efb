package io.flowdesk.app.operate.instance;

import io.camunda.client.api.search.response.ProcessInstance;
import java.util.List;
import java.util.Locale;

/**
 * One page of the instance list: the instances found, and where the page is in all of them. The
 * engine stops counting a large result (Camunda's {@code hasMoreTotalItems}): then {@code total} is
 * where it stopped, shown as "10,000+", and the pages go on while they are full.
 */
public record InstanceListPage(
    List<ProcessInstance> instances,
    int page,
    int pageSize,
    long total,
    boolean totalIsLowerBound) {

  static InstanceListPage empty() {
    return new InstanceListPage(List.of(), 0, InstanceList.PAGE_SIZE, 0, false);
  }

  public boolean hasPrevious() {
    return page > 0;
  }

  public boolean hasNext() {
    return (long) (page + 1) * pageSize < total
        || totalIsLowerBound && instances.size() == pageSize;
  }

  public long lastPage() {
    return total == 0 ? 0 : (total - 1) / pageSize;
  }

  /** How many were found, for people: "1,234", or "10,000+" when the engine stopped counting. */
  public String totalText() {
    return String.format(Locale.ROOT, "%,d", total) + (totalIsLowerBound ? "+" : "");
  }

  /** How many pages there are, for people: "200+" when the engine stopped counting. */
  public String pagesText() {
    final long pages = Math.max(lastPage() + 1, page + 1L);
    return String.format(Locale.ROOT, "%,d", pages) + (totalIsLowerBound ? "+" : "");
  }
}
