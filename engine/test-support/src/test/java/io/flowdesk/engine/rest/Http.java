package io.flowdesk.engine.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Plain HTTP calls against the engine's REST API, as clients other than the Java client make. */
final class Http {

  static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private final URI base;
  private final Map<String, String> headers = new LinkedHashMap<>();

  Http(final URI base) {
    this.base = base;
  }

  /** Calls {@code engine}'s REST listener as the engine's own client. */
  static Http of(final io.flowdesk.engine.Engine engine) {
    return new Http(engine.restAddress().orElseThrow())
        .header("Authorization", engine.ownClientAuthorization());
  }

  /** Adds a header to every following request. */
  Http header(final String name, final String value) {
    headers.put(name, value);
    return this;
  }

  /** An answer: status, headers and body, the body also as JSON where it is JSON. */
  record Answer(int status, String contentType, String body, HttpResponse<String> raw) {

    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("Not JSON (" + status + "): " + body, e);
      }
    }
  }

  Answer get(final String path) {
    return send(request(path).GET());
  }

  Answer post(final String path, final String json) {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  Answer post(final String path, final Object body) {
    return post(path, write(body));
  }

  Answer method(final String method, final String path, final String json) {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(json)));
  }

  /** A multipart/form-data POST: file parts named {@code fileField}, and plain fields. */
  Answer multipart(
      final String path,
      final String fileField,
      final Map<String, byte[]> files,
      final Map<String, String> fields) {
    final String boundary = "----flowdesk" + UUID.randomUUID();
    final ByteArrayOutputStream body = new ByteArrayOutputStream();
    files.forEach(
        (name, content) -> {
          write(
              body,
              "--"
                  + boundary
                  + "\r\nContent-Disposition: form-data; name=\""
                  + fileField
                  + "\"; filename=\""
                  + name
                  + "\"\r\nContent-Type: application/octet-stream\r\n\r\n");
          body.writeBytes(content);
          write(body, "\r\n");
        });
    fields.forEach(
        (name, value) ->
            write(
                body,
                "--"
                    + boundary
                    + "\r\nContent-Disposition: form-data; name=\""
                    + name
                    + "\"\r\n\r\n"
                    + value
                    + "\r\n"));
    write(body, "--" + boundary + "--\r\n");
    return send(
        request(path)
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
  }

  private HttpRequest.Builder request(final String path) {
    final HttpRequest.Builder builder =
        HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(90));
    headers.forEach(builder::header);
    return builder;
  }

  private static Answer send(final HttpRequest.Builder request) {
    try {
      final HttpResponse<String> response =
          CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(
          response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(""),
          response.body(),
          response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static String write(final Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static void write(final ByteArrayOutputStream out, final String text) {
    out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
  }
}
