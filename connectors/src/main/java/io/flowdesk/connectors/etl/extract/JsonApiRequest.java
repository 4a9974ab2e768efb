package io.flowdesk.connectors.etl.extract;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What to fetch from a JSON HTTP API.
 *
 * @param url the first page
 * @param headers request headers sent with every page (for example {@code Authorization})
 * @param recordsPointer JSON pointer to the array of records in each page ({@code ""} when the page
 *     is the array)
 * @param pagination how to reach the following pages
 * @param columns the record fields to read; empty to take the first record's field names, in which
 *     case a response without records has no columns: name them when a run may find nothing
 * @param maxPages safety stop: more pages than this fail the run instead of looping forever
 * @param timeout per-page request timeout
 */
public record JsonApiRequest(
    URI url,
    Map<String, String> headers,
    String recordsPointer,
    Pagination pagination,
    List<String> columns,
    int maxPages,
    Duration timeout) {

  public JsonApiRequest {
    headers = Map.copyOf(headers);
    columns = List.copyOf(columns);
  }

  /** One page at {@code url}, the page itself being the array of records. */
  public static JsonApiRequest of(final URI url) {
    return new JsonApiRequest(
        url, Map.of(), "", Pagination.none(), List.of(), 10_000, Duration.ofMinutes(1));
  }

  public JsonApiRequest recordsAt(final String pointer) {
    return new JsonApiRequest(url, headers, pointer, pagination, columns, maxPages, timeout);
  }

  public JsonApiRequest paginatedBy(final Pagination newPagination) {
    return new JsonApiRequest(
        url, headers, recordsPointer, newPagination, columns, maxPages, timeout);
  }

  public JsonApiRequest withHeader(final String name, final String value) {
    final Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(name, value);
    return new JsonApiRequest(url, more, recordsPointer, pagination, columns, maxPages, timeout);
  }

  public JsonApiRequest readingColumns(final List<String> newColumns) {
    return new JsonApiRequest(
        url, headers, recordsPointer, pagination, newColumns, maxPages, timeout);
  }

  public JsonApiRequest stoppingAfter(final int newMaxPages) {
    return new JsonApiRequest(
        url, headers, recordsPointer, pagination, columns, newMaxPages, timeout);
  }

  public JsonApiRequest timingOutAfter(final Duration newTimeout) {
    return new JsonApiRequest(
        url, headers, recordsPointer, pagination, columns, maxPages, newTimeout);
  }
}
