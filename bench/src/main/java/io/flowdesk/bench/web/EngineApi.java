package io.flowdesk.bench.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * The engine's Camunda REST API ({@code /v2}) of an {@link AppProcess}, as Camunda Modeler and
 * camunda clients use it: with the static bearer token the app was started with ({@link
 * AppProcess#ENGINE_TOKEN}), since the engine API admits nobody without credentials.
 */
final class EngineApi {

  private final HttpClient http = HttpClient.newHttpClient();
  private final URI base;

  EngineApi(final AppProcess app) {
    this.base = app.base();
  }

  /** Deploys {@code files} (name → text) in one deployment, as Modeler's "Deploy" does. */
  void deploy(final Map<String, String> files) throws IOException, InterruptedException {
    final String boundary = "flowdesk-bench-" + UUID.randomUUID();
    final ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (final Map.Entry<String, String> file : files.entrySet()) {
      body.writeBytes(
          ("--"
                  + boundary
                  + "\r\nContent-Disposition: form-data; name=\"resources\"; filename=\""
                  + file.getKey()
                  + "\"\r\nContent-Type: application/octet-stream\r\n\r\n"
                  + file.getValue()
                  + "\r\n")
              .getBytes(StandardCharsets.UTF_8));
    }
    body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    final HttpResponse<String> answer =
        send(
            HttpRequest.newBuilder(base.resolve("/v2/deployments"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    if (answer.statusCode() != 200) {
      throw new IllegalStateException(
          "deployment refused: " + answer.statusCode() + " " + answer.body());
    }
  }

  /** A JSON POST to {@code /v2/...}, e.g. a search or a job's completion; the answer's body. */
  String post(final String path, final String json) throws IOException, InterruptedException {
    final HttpResponse<String> answer =
        send(
            HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    if (answer.statusCode() != 200 && answer.statusCode() != 204) {
      throw new IllegalStateException(
          path + " answered " + answer.statusCode() + " " + answer.body());
    }
    return answer.body();
  }

  private HttpResponse<String> send(final HttpRequest.Builder request)
      throws IOException, InterruptedException {
    return http.send(
        request
            .header("Authorization", "Bearer " + AppProcess.ENGINE_TOKEN)
            .timeout(Duration.ofSeconds(120))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
