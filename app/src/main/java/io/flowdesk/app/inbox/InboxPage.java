package io.flowdesk.app.inbox;

import java.util.List;

/**
 * One page of the inbox: its rows and where it is in the whole list.
 *
 * @param text the text filter, empty when there is none
 */
public record InboxPage(
    List<InboxRow> rows,
    InboxView view,
    InboxSort sort,
    String text,
    int page,
    int pageSize,
    long total) {

  public int pages() {
    return (int) Math.max(1, (total + pageSize - 1) / pageSize);
  }

  public boolean hasPrevious() {
    return page > 0;
  }

  public boolean hasNext() {
    return (long) (page + 1) * pageSize < total;
  }
}
