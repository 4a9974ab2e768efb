package io.flowdesk.app.system;

/**
 * The page numbers the paged lists accept (inbox, My requests, the incident API, deliveries): far
 * beyond what anybody pages to, and small enough that page times page size never overflows.
 */
public final class PageNumbers {

  /** The highest page number a list accepts. */
  public static final int MAX = 100_000;

  private PageNumbers() {}

  /** {@code page} moved into 0 to {@link #MAX}; a page beyond the last is simply empty. */
  public static int within(final int page) {
    return Math.min(Math.max(0, page), MAX);
  }

  /** Whether {@code page} is one a list accepts as it is. */
  public static boolean accepts(final long page) {
    return page >= 0 && page <= MAX;
  }
}
