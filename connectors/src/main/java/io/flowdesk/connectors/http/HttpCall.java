package io.flowdesk.connectors.http;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * One HTTP request as a worker computed it. Build it with {@link #builder(String, URI)}.
 *
 * @param method GET, POST, PUT, PATCH, DELETE, HEAD or OPTIONS
 * @param query parameters added to those already in the URL
 * @param body written as JSON (maps, lists, Jackson nodes, strings, numbers), or null for none
 */
public record HttpCall(
    String method,
    URI url,
    Map<String, String> headers,
    Map<String, String> query,
    Object body,
    HttpAuth auth) {

  private static final Set<String> METHODS =
      Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");
  private static final Set<String> CLIENT_HEADERS =
      Set.of("host", "content-length", "transfer-encoding", "connection", "upgrade", "te");
  private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

  public HttpCall {
    method = method == null ? "" : method.toUpperCase(Locale.ROOT);
    if (!METHODS.contains(method)) {
      throw new IllegalArgumentException(
          "HTTP method '" + method + "' is not one of " + new TreeSet<>(METHODS));
    }
    Objects.requireNonNull(url, "url");
    headers = Map.copyOf(headers);
    query = Map.copyOf(query);
    headers.forEach(HttpCall::requireHeader);
    if (body != null && (method.equals("GET") || method.equals("HEAD"))) {
      throw new IllegalArgumentException(
          method + " request to " + url.getHost() + " cannot carry a body");
    }
    auth = auth == null ? HttpAuth.none() : auth;
  }

  public static Builder builder(final String method, final URI url) {
    return new Builder(method, url);
  }

  static String requireHeaderName(final String name) {
    if (name == null || !TOKEN.matcher(name).matches()) {
      throw new IllegalArgumentException("'" + name + "' is not a valid HTTP header name");
    }
    return name;
  }

  private static void requireHeader(final String name, final String value) {
    requireHeaderName(name);
    if (CLIENT_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
      throw new IllegalArgumentException("header '" + name + "' is set by the HTTP client itself");
    }
    if (value == null || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("header '" + name + "' has no value or a line break");
    }
  }

  @Override
  public String toString() {
    // Header values and the body may hold secrets or personal data: names only.
    return "HttpCall["
        + method
        + " "
        + url.getScheme()
        + "://"
        + url.getRawAuthority()
        + url.getRawPath()
        + ", headers="
        + headers.keySet()
        + ", query="
        + query.keySet()
        + ", body="
        + (body == null ? "none" : body.getClass().getSimpleName())
        + ", auth="
        + auth
        + "]";
  }

  /** Collects the parts of an {@link HttpCall}. */
  public static final class Builder {
    private final String method;
    private final URI url;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final Map<String, String> query = new LinkedHashMap<>();
    private Object body;
    private HttpAuth auth;

    private Builder(final String method, final URI url) {
      this.method = method;
      this.url = url;
    }

    public Builder header(final String name, final String value) {
      headers.put(name, value);
      return this;
    }

    public Builder headers(final Map<String, String> values) {
      headers.putAll(values);
      return this;
    }

    public Builder query(final String name, final String value) {
      query.put(name, value);
      return this;
    }

    public Builder query(final Map<String, String> values) {
      query.putAll(values);
      return this;
    }

    public Builder jsonBody(final Object body) {
      this.body = body;
      return this;
    }

    public Builder auth(final HttpAuth auth) {
      this.auth = auth;
      return this;
    }

    public HttpCall build() {
      return new HttpCall(method, url, headers, query, body, auth);
    }
  }
}
