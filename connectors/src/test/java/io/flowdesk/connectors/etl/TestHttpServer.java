package io.flowdesk.connectors.etl;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real HTTP server on the loopback interface that answers canned responses by path and query, and
 * remembers the requests it got.
 */
public final class TestHttpServer implements AutoCloseable {

  /** A canned answer. */
  public record Response(int status, String body, Map<String, String> headers) {
    public static Response ok(final String body) {
      return new Response(200, body, Map.of());
    }
  }

  private final HttpServer server;
  private final Map<String, Response> responses = new ConcurrentHashMap<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();

  public TestHttpServer() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::handle);
    server.start();
  }

  /** Answers {@code response} to GET {@code pathAndQuery} (e.g. {@code /items?page=2}). */
  public TestHttpServer on(final String pathAndQuery, final Response response) {
    responses.put(pathAndQuery, response);
    return this;
  }

  public URI uri(final String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + pathAndQuery);
  }

  /** Path and query of every request received, in order. */
  public List<String> requests() {
    return List.copyOf(requests);
  }

  private void handle(final HttpExchange exchange) throws IOException {
    final URI uri = exchange.getRequestURI();
    final String key =
        uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    requests.add(key);
    final Response response =
        responses.getOrDefault(key, new Response(404, "no such page: " + key, Map.of()));
    final byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
    response.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
    exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
