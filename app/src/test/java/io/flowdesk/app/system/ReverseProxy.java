package io.flowdesk.app.system;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;

/**
 * A reverse proxy on its own loopback port, forwarding every request to a backend as nginx's {@code
 * proxy_pass} does on the same host: the backend sees a connection from 127.0.0.1. With {@code
 * forwardedFor}, it also adds {@code X-Forwarded-For} and {@code X-Forwarded-Proto}, as a proxy set
 * up for forwarded headers does.
 */
final class ReverseProxy implements AutoCloseable {

  private static final Set<String> NOT_FORWARDED =
      Set.of("host", "connection", "content-length", "upgrade", "expect", "transfer-encoding");
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private final HttpServer server;

  private ReverseProxy(final HttpServer server) {
    this.server = server;
  }

  static ReverseProxy to(final URI backend, final boolean forwardedFor) throws IOException {
    final HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> forward(exchange, backend, forwardedFor));
    server.start();
    return new ReverseProxy(server);
  }

  URI address() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  private static void forward(
      final HttpExchange exchange, final URI backend, final boolean forwardedFor)
      throws IOException {
    try (exchange) {
      final HttpRequest.Builder request =
          HttpRequest.newBuilder(backend.resolve(exchange.getRequestURI().toString()))
              .method(
                  exchange.getRequestMethod(),
                  HttpRequest.BodyPublishers.ofByteArray(exchange.getRequestBody().readAllBytes()));
      exchange
          .getRequestHeaders()
          .forEach(
              (name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase())) {
                  values.forEach(value -> request.header(name, value));
                }
              });
      if (forwardedFor) {
        final String client = exchange.getRemoteAddress().getAddress().getHostAddress();
        final List<String> earlier = exchange.getRequestHeaders().get("X-Forwarded-For");
        request.setHeader(
            "X-Forwarded-For",
            earlier == null ? client : String.join(", ", earlier) + ", " + client);
        request.setHeader("X-Forwarded-Proto", "https");
      }
      final HttpResponse<byte[]> response =
          CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      response
          .headers()
          .map()
          .forEach(
              (name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase()) && !name.startsWith(":")) {
                  exchange.getResponseHeaders().put(name, values);
                }
              });
      final byte[] body = response.body();
      exchange.sendResponseHeaders(response.statusCode(), body.length == 0 ? -1 : body.length);
      exchange.getResponseBody().write(body);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
