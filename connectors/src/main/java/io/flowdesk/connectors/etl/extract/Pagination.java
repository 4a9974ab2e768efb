package io.flowdesk.connectors.etl.extract;

/**
 * How a JSON API spreads its records over pages. Numbered and offset pages end at the first page
 * that is empty or shorter than the page size; link-following pages end when there is no next link.
 */
public sealed interface Pagination {

  /** One request, one page. */
  static Pagination none() {
    return new Single();
  }

  /**
   * Pages numbered by query parameter {@code parameter}, starting at {@code firstPage}; with a
   * {@code sizeParameter} the page size is sent too and a short page is known to be the last.
   */
  static Pagination pageNumber(
      final String parameter, final int firstPage, final String sizeParameter, final int size) {
    return new PageNumber(parameter, firstPage, sizeParameter, size);
  }

  /** Pages numbered from {@code firstPage}; the API's own page size, an empty page ends. */
  static Pagination pageNumber(final String parameter, final int firstPage) {
    return new PageNumber(parameter, firstPage, null, 0);
  }

  /** Pages addressed by record offset {@code parameter} and page size {@code limitParameter}. */
  static Pagination offset(final String parameter, final String limitParameter, final int limit) {
    return new Offset(parameter, limitParameter, limit);
  }

  /** Follows the URL at JSON pointer {@code pointer} of each page, relative ones included. */
  static Pagination nextLinkInBody(final String pointer) {
    return new NextLinkInBody(pointer);
  }

  /** Follows the {@code Link: <url>; rel="next"} response header. */
  static Pagination linkHeader() {
    return new LinkHeader();
  }

  /** See {@link #none()}. */
  record Single() implements Pagination {}

  /** See {@link #pageNumber(String, int, String, int)}. */
  record PageNumber(String parameter, int firstPage, String sizeParameter, int size)
      implements Pagination {}

  /** See {@link #offset(String, String, int)}. */
  record Offset(String parameter, String limitParameter, int limit) implements Pagination {
    public Offset {
      if (limit <= 0) {
        throw new IllegalArgumentException("offset pagination needs a positive limit");
      }
    }
  }

  /** See {@link #nextLinkInBody(String)}. */
  record NextLinkInBody(String pointer) implements Pagination {}

  /** See {@link #linkHeader()}. */
  record LinkHeader() implements Pagination {}
}
