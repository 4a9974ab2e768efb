package io.flowdesk.app.operate.definition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The engine's deployed forms over its {@code /v2} REST API: the camunda client 8.8 has no form
 * search nor form by key, so these two requests go to the client's own REST address with its own
 * credentials ({@code POST /v2/forms/search}, {@code GET /v2/forms/{formKey}}; see engine/README).
 */
@Component
class EngineForms {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final CamundaClient client;
  private final ObjectMapper json;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

  EngineForms(final CamundaClient client, final ObjectMapper json) {
    this.client = client;
    this.json = json;
  }

  /** The answer of {@code POST /v2/forms/search} with this query. */
  JsonNode search(final Map<String, Object> query) {
    try {
      final HttpResponse<String> answer =
          send(
              request("/v2/forms/search")
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(query))));
      return json.readTree(expectOk(answer));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The form version with {@code formKey} and its schema; empty when the engine has none. */
  Optional<JsonNode> get(final long formKey) {
    final HttpResponse<String> answer = send(request("/v2/forms/" + formKey).GET());
    if (answer.statusCode() == 404) {
      return Optional.empty();
    }
    try {
      return Optional.of(json.readTree(expectOk(answer)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private HttpRequest.Builder request(final String path) {
    final String base = client.getConfiguration().getRestAddress().toString().replaceAll("/+$", "");
    final HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(TIMEOUT)
            .header("Accept", "application/json");
    try {
      client.getConfiguration().getCredentialsProvider().applyCredentials(request::header);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return request;
  }

  private HttpResponse<String> send(final HttpRequest.Builder request) {
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while asking the engine for forms", e);
    }
  }

  private static String expectOk(final HttpResponse<String> answer) {
    if (answer.statusCode() != 200) {
      throw new IllegalStateException(
          "The engine answered "
              + answer.statusCode()
              + " for "
              + answer.uri()
              + ": "
              + answer.body());
    }
    return answer.body();
  }
}
