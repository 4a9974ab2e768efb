package io.flowdesk.connectors.etl.extract;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import io.flowdesk.connectors.etl.EtlException;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Reads records from a paginated JSON HTTP API, one page in flight at a time and one record
 * materialised at a time.
 *
 * <p>Each record must be a JSON object; its top-level fields become columns. Strings, numbers
 * (exact, as {@link java.math.BigDecimal} or {@link Long}) and booleans keep their type; nested
 * objects and arrays arrive as their JSON text. A field missing from a record is null.
 */
public final class JsonApiSource implements RowSource {

  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);

  private final HttpClient client;
  private final JsonApiRequest request;
  private final RowLayout layout;
  private JsonPage page;
  private URI nextPage;
  private int pagesOpened;
  private long recordsBefore;
  private long ordinal;
  private JsonNode peeked;

  private JsonApiSource(final HttpClient client, final JsonApiRequest request) {
    this.client = client;
    this.request = request;
    this.nextPage = firstPage(request);
    try {
      this.layout = new RowLayout(request.columns().isEmpty() ? peekColumns() : request.columns());
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /** Requests the first page; later pages are requested as the records are consumed. */
  public static JsonApiSource open(final HttpClient client, final JsonApiRequest request) {
    return new JsonApiSource(client, request);
  }

  private static URI firstPage(final JsonApiRequest request) {
    if (request.pagination() instanceof Pagination.PageNumber numbered) {
      final URI uri =
          QueryParameter.set(
              request.url(), numbered.parameter(), Integer.toString(numbered.firstPage()));
      return numbered.sizeParameter() == null
          ? uri
          : QueryParameter.set(uri, numbered.sizeParameter(), Integer.toString(numbered.size()));
    }
    if (request.pagination() instanceof Pagination.Offset offset) {
      return QueryParameter.set(
          QueryParameter.set(request.url(), offset.parameter(), "0"),
          offset.limitParameter(),
          Integer.toString(offset.limit()));
    }
    return request.url();
  }

  private List<String> peekColumns() {
    peeked = nextRecord();
    final List<String> names = new ArrayList<>();
    if (peeked != null) {
      peeked.fieldNames().forEachRemaining(names::add);
    }
    return names;
  }

  @Override
  public List<String> columns() {
    return layout.columns();
  }

  @Override
  public boolean hasNext() {
    if (peeked == null) {
      peeked = nextRecord();
    }
    return peeked != null;
  }

  @Override
  public SourceRow next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    final JsonNode record = peeked;
    peeked = null;
    final Object[] values = new Object[layout.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = value(record.get(layout.columns().get(i)));
    }
    return new SourceRow(++ordinal, layout, values);
  }

  private static Object value(final JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (node.isTextual()) {
      return node.textValue();
    }
    if (node.isIntegralNumber() && node.canConvertToLong()) {
      return node.longValue();
    }
    if (node.isNumber()) {
      return node.decimalValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    return node.toString();
  }

  private JsonNode nextRecord() {
    while (true) {
      if (page == null) {
        if (nextPage == null) {
          return null;
        }
        page = openPage(nextPage);
      }
      final JsonNode record = page.nextRecord();
      if (record != null) {
        return record;
      }
      nextPage = following(page);
      recordsBefore += page.recordsRead();
      page.close();
      page = null;
    }
  }

  private JsonPage openPage(final URI uri) {
    if (pagesOpened >= request.maxPages()) {
      throw new EtlException(
          "GET "
              + uri
              + ": stopped after "
              + request.maxPages()
              + " pages; the API keeps answering with more");
    }
    pagesOpened++;
    final String nextLinkPointer =
        request.pagination() instanceof Pagination.NextLinkInBody body ? body.pointer() : null;
    return new JsonPage(
        uri,
        HttpGet.open(client, uri, request.headers(), request.timeout()),
        MAPPER,
        request.recordsPointer(),
        nextLinkPointer);
  }

  /** The page after {@code done}, or null when {@code done} was the last one. */
  private URI following(final JsonPage done) {
    final int records = done.recordsRead();
    final Pagination pagination = request.pagination();
    if (pagination instanceof Pagination.PageNumber numbered) {
      final boolean last = records == 0 || (numbered.size() > 0 && records < numbered.size());
      return last
          ? null
          : QueryParameter.set(
              done.uri(),
              numbered.parameter(),
              Integer.toString(numbered.firstPage() + pagesOpened));
    }
    if (pagination instanceof Pagination.Offset offset) {
      final boolean last = records == 0 || records < offset.limit();
      return last
          ? null
          : QueryParameter.set(
              done.uri(), offset.parameter(), Long.toString(recordsBefore + records));
    }
    if (pagination instanceof Pagination.NextLinkInBody) {
      return link(done, done.nextLink());
    }
    if (pagination instanceof Pagination.LinkHeader) {
      return link(done, LinkHeader.next(done.response().headers().allValues("Link")).orElse(null));
    }
    return null;
  }

  private static URI link(final JsonPage done, final String target) {
    if (target == null || target.isBlank()) {
      return null;
    }
    final URI next;
    try {
      next = done.uri().resolve(target.strip());
    } catch (IllegalArgumentException e) {
      throw new EtlException("GET " + done.uri() + ": next link '" + target + "' is not a URL", e);
    }
    if (next.equals(done.uri())) {
      throw new EtlException("GET " + done.uri() + ": the next link points back at the same page");
    }
    return next;
  }

  @Override
  public void close() {
    if (page != null) {
      page.close();
      page = null;
    }
    nextPage = null;
  }
}
