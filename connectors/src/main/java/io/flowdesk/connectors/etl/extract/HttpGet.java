package io.flowdesk.connectors.etl.extract;

import io.flowdesk.connectors.etl.EtlException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** One streamed GET whose non-2xx answers become errors naming the URL and status. */
final class HttpGet {

  private static final int ERROR_BODY_EXCERPT = 300;

  private HttpGet() {}

  static HttpResponse<InputStream> open(
      final HttpClient client,
      final URI uri,
      final Map<String, String> headers,
      final Duration timeout) {
    final HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET().timeout(timeout);
    headers.forEach(request::header);
    final HttpResponse<InputStream> response;
    try {
      response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      throw new EtlException("GET " + uri + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EtlException("GET " + uri + " was interrupted", e);
    }
    final int status = response.statusCode();
    if (status < 200 || status > 299) {
      throw new EtlException("GET " + uri + " answered HTTP " + status + excerpt(response.body()));
    }
    return response;
  }

  private static String excerpt(final InputStream body) {
    try (body) {
      final byte[] start = body.readNBytes(ERROR_BODY_EXCERPT);
      return start.length == 0 ? "" : ": " + new String(start, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      return "";
    }
  }
}
