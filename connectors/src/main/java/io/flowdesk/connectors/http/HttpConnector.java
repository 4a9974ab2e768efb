package io.flowdesk.connectors.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowdesk.connectors.ConnectorException;
import io.flowdesk.connectors.RetryAfter;
import io.flowdesk.connectors.RetryPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.net.URIBuilder;
import org.apache.hc.core5.util.Timeout;

/**
 * Calls HTTP/REST APIs for workers: method, URL, headers, query, JSON body and authentication in;
 * status, headers and the JSON or text body out.
 *
 * <p>Every destination, the first and each redirect target, passes the {@link DestinationPolicy}
 * (allow-list and refused address blocks) before a connection is made, and connections go only to
 * the addresses that were checked. Redirects are followed by the connector itself, at most {@link
 * HttpConnectorSettings#maxRedirects()} times; authentication and the {@code Authorization} and
 * {@code Cookie} headers are dropped when a redirect leaves the original scheme, host and port.
 *
 * <p>429 and 5xx answers and refused connections are retried per the {@link RetryPolicy}, waiting
 * as long as Retry-After asks; what remains becomes a retryable {@link ConnectorException}. Other
 * answers, 4xx included, are returned. Error messages name method, host and path, never the query
 * (it may hold an API key) or a header value.
 *
 * <p>Thread-safe; share one instance and {@link #close()} it on shutdown.
 */
public final class HttpConnector implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
  private static final Set<String> CREDENTIAL_HEADERS =
      Set.of("authorization", "cookie", "proxy-authorization");
  private static final int MAX_BODY_IN_MESSAGE = 200;

  private final HttpConnectorSettings settings;
  private final CloseableHttpClient client;
  private final Clock clock;

  public HttpConnector(final HttpConnectorSettings settings) {
    this(settings, Clock.systemUTC());
  }

  HttpConnector(final HttpConnectorSettings settings, final Clock clock) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = clock;
    final Timeout connect = Timeout.of(settings.connectTimeout());
    final Timeout read = Timeout.of(settings.readTimeout());
    this.client =
        HttpClients.custom()
            .setConnectionManager(
                PoolingHttpClientConnectionManagerBuilder.create()
                    .setDnsResolver(new GuardedDnsResolver(settings.destinations()))
                    .setDefaultConnectionConfig(
                        ConnectionConfig.custom()
                            .setConnectTimeout(connect)
                            .setSocketTimeout(read)
                            .build())
                    .build())
            .setDefaultRequestConfig(
                RequestConfig.custom()
                    .setConnectionRequestTimeout(connect)
                    .setResponseTimeout(read)
                    .build())
            .disableRedirectHandling()
            .disableAutomaticRetries()
            .disableCookieManagement()
            .build();
  }

  /**
   * Sends the call, following redirects and retrying as configured.
   *
   * @throws DestinationRefusedException when the URL or a redirect target is not allowed
   * @throws ConnectorException when the destination cannot be reached or keeps failing
   * @throws IllegalArgumentException when the call itself is malformed
   */
  public HttpResult execute(final HttpCall call) {
    URI url = urlWithQuery(call);
    String method = call.method();
    byte[] body = json(call);
    boolean sameOrigin = true;
    for (int redirects = 0; ; redirects++) {
      guard(url);
      final Exchange exchange =
          exchangeWithRetries(method, url, headersFor(call, sameOrigin), body);
      final String location = exchange.first("location");
      if (!REDIRECTS.contains(exchange.status())
          || location == null
          || settings.maxRedirects() == 0) {
        return exchange.toResult();
      }
      if (redirects >= settings.maxRedirects()) {
        throw new ConnectorException(
            describe(call.method(), call.url())
                + " redirected more than "
                + settings.maxRedirects()
                + " times",
            false);
      }
      final URI next = redirectTarget(url, location);
      try {
        settings.destinations().checkUrl(next);
        settings.destinations().resolve(next.getHost());
      } catch (DestinationRefusedException refused) {
        throw new DestinationRefusedException(
            refused.host(),
            refused.rule(),
            "redirect from " + describe(method, url) + " refused: " + refused.getMessage());
      } catch (UnknownHostException unknown) {
        throw new ConnectorException(
            "redirect target host '" + next.getHost() + "' cannot be resolved", true, unknown);
      }
      sameOrigin = sameOrigin && sameOrigin(url, next);
      if ((exchange.status() == 303 && !method.equals("HEAD"))
          || ((exchange.status() == 301 || exchange.status() == 302) && method.equals("POST"))) {
        method = "GET";
        body = null;
      }
      url = next;
    }
  }

  /**
   * Checks the URL and its host name; the addresses are checked when the client resolves the name
   * to connect ({@link GuardedDnsResolver}), so the address connected to is the address checked.
   */
  private void guard(final URI url) {
    settings.destinations().checkUrl(url);
  }

  private Exchange exchangeWithRetries(
      final String method, final URI url, final Map<String, String> headers, final byte[] body) {
    final RetryPolicy policy = settings.retryPolicy();
    for (int attempt = 1; ; attempt++) {
      final Exchange exchange;
      try {
        exchange = exchange(method, url, headers, body);
      } catch (GuardedDnsResolver.Refused refused) {
        throw refused.refusal();
      } catch (ConnectException | ConnectTimeoutException notConnected) {
        if (policy.allowsAnotherAttempt(attempt)) {
          RetryAfter.sleep(policy.delayAfter(attempt, null));
          continue;
        }
        throw new ConnectorException(
            "cannot reach " + describe(method, url) + ": " + notConnected.getMessage(),
            true,
            notConnected);
      } catch (UnknownHostException unknown) {
        throw new ConnectorException("cannot resolve host '" + url.getHost() + "'", true, unknown);
      } catch (SocketTimeoutException timeout) {
        throw new ConnectorException(
            describe(method, url) + " got no answer within " + settings.readTimeout(),
            true,
            timeout);
      } catch (SSLException tls) {
        throw new ConnectorException(
            "TLS with " + url.getHost() + " failed: " + tls.getMessage(), false, tls);
      } catch (IOException failed) {
        throw new ConnectorException(
            describe(method, url) + " failed: " + failed.getMessage(), true, failed);
      }
      if (exchange.status() != 429 && exchange.status() < 500) {
        return exchange;
      }
      final Duration retryAfter = RetryAfter.parse(exchange.first("retry-after"), clock);
      if (policy.allowsAnotherAttempt(attempt) && !policy.exceedsMaxDelay(retryAfter)) {
        RetryAfter.sleep(policy.delayAfter(attempt, retryAfter));
        continue;
      }
      throw new ConnectorException(
          describe(method, url)
              + " answered "
              + exchange.status()
              + (attempt > 1 ? " after " + attempt + " attempts" : "")
              + ": "
              + exchange.excerpt(),
          true,
          retryAfter,
          null);
    }
  }

  private Exchange exchange(
      final String method, final URI url, final Map<String, String> headers, final byte[] body)
      throws IOException {
    final HttpUriRequestBase request = new HttpUriRequestBase(method, url);
    headers.forEach(request::addHeader);
    if (body != null) {
      request.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_JSON));
    }
    if (!headers.keySet().stream().anyMatch(name -> name.equalsIgnoreCase("Accept"))) {
      request.addHeader("Accept", "application/json, text/*;q=0.8, */*;q=0.5");
    }
    return client.execute(request, response -> read(response, method, url));
  }

  private Exchange read(final ClassicHttpResponse response, final String method, final URI url)
      throws IOException {
    final Map<String, List<String>> headers = new LinkedHashMap<>();
    for (final Header header : response.getHeaders()) {
      headers
          .computeIfAbsent(header.getName().toLowerCase(Locale.ROOT), name -> new ArrayList<>())
          .add(header.getValue());
    }
    final HttpEntity entity = response.getEntity();
    byte[] bytes = new byte[0];
    ContentType type = null;
    if (entity != null) {
      type = ContentType.parseLenient(entity.getContentType());
      try (InputStream in = entity.getContent()) {
        bytes = in.readNBytes(settings.maxResponseBytes() + 1);
      }
      if (bytes.length > settings.maxResponseBytes()) {
        throw new ConnectorException(
            describe(method, url)
                + " answered with more than "
                + settings.maxResponseBytes()
                + " bytes",
            false);
      }
    }
    return new Exchange(response.getCode(), headers, bytes, type);
  }

  /** One request's answer, read completely. */
  private record Exchange(
      int status, Map<String, List<String>> headers, byte[] bytes, ContentType type) {

    String first(final String name) {
      final List<String> values = headers.get(name);
      return values == null || values.isEmpty() ? null : values.get(0);
    }

    String text() {
      final Charset charset =
          type == null || type.getCharset() == null ? StandardCharsets.UTF_8 : type.getCharset();
      return new String(bytes, charset);
    }

    HttpResult toResult() {
      final String text = text();
      return new HttpResult(status, headers, text, isJson() ? parse(text) : null);
    }

    private boolean isJson() {
      if (type == null || bytes.length == 0) {
        return false;
      }
      final String mime = type.getMimeType().toLowerCase(Locale.ROOT);
      return mime.equals("application/json") || mime.endsWith("+json");
    }

    private static JsonNode parse(final String text) {
      try {
        return JSON.readTree(text);
      } catch (JsonProcessingException notJson) {
        // Declared JSON but is not: the text is still there for the caller.
        return null;
      }
    }

    String excerpt() {
      final String oneLine = text().replaceAll("\\s+", " ").strip();
      return oneLine.length() <= MAX_BODY_IN_MESSAGE
          ? oneLine
          : oneLine.substring(0, MAX_BODY_IN_MESSAGE) + "...";
    }
  }

  private static URI urlWithQuery(final HttpCall call) {
    try {
      final URIBuilder builder = new URIBuilder(call.url());
      call.query().forEach(builder::addParameter);
      if (call.auth() instanceof HttpAuth.ApiKeyQuery key) {
        builder.addParameter(key.parameter(), key.value());
      }
      return builder.build();
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "URL for host " + call.url().getHost() + " cannot take the query parameters", e);
    }
  }

  private static Map<String, String> headersFor(final HttpCall call, final boolean sameOrigin) {
    final Map<String, String> headers = new LinkedHashMap<>();
    call.headers()
        .forEach(
            (name, value) -> {
              if (sameOrigin || !CREDENTIAL_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                headers.put(name, value);
              }
            });
    if (!sameOrigin) {
      return headers;
    }
    if (call.auth() instanceof HttpAuth.Basic basic) {
      headers.put("Authorization", basic.headerValue());
    } else if (call.auth() instanceof HttpAuth.Bearer bearer) {
      headers.put("Authorization", bearer.headerValue());
    } else if (call.auth() instanceof HttpAuth.ApiKeyHeader key) {
      headers.put(key.header(), key.value());
    }
    return headers;
  }

  private static byte[] json(final HttpCall call) {
    if (call.body() == null) {
      return null;
    }
    try {
      return JSON.writeValueAsBytes(call.body());
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "body of " + describe(call.method(), call.url()) + " cannot be written as JSON", e);
    }
  }

  private static URI redirectTarget(final URI from, final String location) {
    try {
      return from.resolve(new URI(location.strip()));
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new ConnectorException(
          describe("redirect", from) + " points to a malformed Location", false, e);
    }
  }

  private static boolean sameOrigin(final URI a, final URI b) {
    return a.getScheme().equalsIgnoreCase(b.getScheme())
        && a.getHost().equalsIgnoreCase(b.getHost())
        && port(a) == port(b);
  }

  private static int port(final URI url) {
    if (url.getPort() != -1) {
      return url.getPort();
    }
    return "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
  }

  /** Method, host and path: the query may carry an API key, so it is left out. */
  private static String describe(final String method, final URI url) {
    return method
        + " "
        + url.getScheme()
        + "://"
        + url.getHost()
        + (url.getPort() == -1 ? "" : ":" + url.getPort())
        + (url.getRawPath() == null ? "" : url.getRawPath());
  }

  @Override
  public void close() {
    try {
      client.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
