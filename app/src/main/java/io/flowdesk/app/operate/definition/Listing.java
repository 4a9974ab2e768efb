package io.flowdesk.app.operate.definition;

import java.util.List;

/**
 * One page of a console list.
 *
 * @param items what the page shows
 * @param page the page number, 0 first
 * @param total how many there are over all pages
 * @param query the search text the list was asked with ("" for none)
 */
public record Listing<T>(List<T> items, int page, long total, String query) {

  static final int PAGE_SIZE = 20;

  public Listing {
    items = List.copyOf(items);
  }

  public boolean hasPrevious() {
    return page > 0;
  }

  public boolean hasNext() {
    return (long) (page + 1) * PAGE_SIZE < total;
  }

  public long pages() {
    return Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE);
  }
}
