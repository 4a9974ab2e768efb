package io.flowdesk.app.operate.instance;

import java.util.Map;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The instance list's own links (sort by a column, another page), each keeping the current filter.
 */
public record InstanceListLinks(Map<String, String> filter, String sort, String order) {

  /** Sorted by {@code column}; the current column again turns the order round. */
  public String sortedBy(final String column) {
    final boolean again = column.equals(sort);
    return link(column, again && "desc".equals(order) ? "asc" : "desc", 0);
  }

  /** Page {@code page} in the current order. */
  public String page(final long page) {
    return link(sort, order, page);
  }

  /** How a column header tells assistive technology its order (aria-sort). */
  public String ariaSort(final String column) {
    if (!column.equals(sort)) {
      return "none";
    }
    return "asc".equals(order) ? "ascending" : "descending";
  }

  private String link(final String column, final String direction, final long page) {
    final UriComponentsBuilder link = UriComponentsBuilder.fromPath("/operate/instances");
    filter.forEach(link::queryParam);
    link.queryParam("sort", column).queryParam("order", direction);
    if (page > 0) {
      link.queryParam("page", page);
    }
    return link.encode().build().toUriString();
  }
}
