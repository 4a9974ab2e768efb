package io.flowdesk.workers.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobClient;
import io.flowdesk.connectors.http.HttpAuth;
import io.flowdesk.connectors.http.HttpCall;
import io.flowdesk.connectors.http.HttpConnector;
import io.flowdesk.connectors.http.HttpResult;
import io.flowdesk.domain.secret.SecretStore;
import io.flowdesk.workers.BpmnErrorException;
import io.flowdesk.workers.InvalidJobInputException;
import io.flowdesk.workers.JobInputs;
import io.flowdesk.workers.JobOutcomes;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Task type {@code flowdesk:http} (template {@code io.flowdesk.connectors.http.v1}): one HTTP call
 * through the {@link HttpConnector} and its SSRF guard.
 *
 * <p>Inputs: {@code method}, {@code url}, optional {@code headers} and {@code queryParameters}
 * (objects of texts), {@code body} (sent as JSON), {@code authType} ({@code none}, {@code basic},
 * {@code bearer}, {@code apiKeyHeader}, {@code apiKeyQuery}), {@code authSecret} (the secret's
 * name), {@code authUsername} (basic), {@code authKeyName} (the API key's header or parameter).
 * Header {@code resultVariable}: receives {@code {status, headers, body}}.
 *
 * <p>An answer of 400 or more is a BPMN error {@code FLOWDESK_HTTP_<status>} (e.g. {@code
 * FLOWDESK_HTTP_404}) with {@code errorMessage} naming method, host and status, so processes can
 * catch the statuses they expect; 429 and 5xx that stay after the connector's retries fail the job
 * for a later retry. A refused destination is {@code FLOWDESK_HTTP_REJECTED}.
 *
 * <p>{@code authSecret} is used only when its binding in the {@link SecretStore} allows connector
 * {@code http} and the URL's origin; otherwise the job fails without retries (an incident naming
 * the secret and the refused origin) and no request is made.
 */
public class HttpWorker {

  public static final String TYPE = "flowdesk:http";

  /** The connector's name in secret bindings. */
  public static final String CONNECTOR = "http";

  public static final List<String> INPUTS =
      List.of(
          "method",
          "url",
          "headers",
          "queryParameters",
          "body",
          "authType",
          "authSecret",
          "authUsername",
          "authKeyName");

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpConnector connector;
  private final SecretStore secrets;
  private final JobOutcomes outcomes;

  public HttpWorker(
      final HttpConnector connector, final SecretStore secrets, final Duration retryBackoff) {
    this.connector = connector;
    this.secrets = secrets;
    this.outcomes = new JobOutcomes(CONNECTOR, retryBackoff);
  }

  @JobWorker(type = TYPE, autoComplete = false, fetchAllVariables = true)
  public void handle(final JobClient client, final ActivatedJob job) {
    outcomes.handle(client, job, this::call);
  }

  /** Makes the job's call and answers its result variables. */
  public Map<String, Object> call(final JobInputs inputs) {
    final URI url = url(inputs.text("url"));
    final HttpCall.Builder call =
        HttpCall.builder(inputs.optionalText("method").orElse("GET"), url)
            .headers(texts(inputs.object("headers"), "headers"))
            .query(texts(inputs.object("queryParameters"), "queryParameters"))
            .auth(auth(inputs, url));
    final Object body = inputs.raw("body");
    if (body != null && !(body instanceof String text && text.isBlank())) {
      call.jsonBody(body);
    }
    final HttpCall request = call.build();
    final HttpResult result = connector.execute(request);
    if (result.status() >= 400) {
      throw new BpmnErrorException(
          "FLOWDESK_HTTP_" + result.status(),
          request.method() + " " + url.getHost() + url.getPath() + " answered " + result.status());
    }
    final Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("status", result.status());
    answer.put("headers", firstValues(result.headers()));
    answer.put(
        "body",
        result.json() != null ? JSON.convertValue(result.json(), Object.class) : result.text());
    return inputs.resultAs(answer);
  }

  private HttpAuth auth(final JobInputs inputs, final URI url) {
    final String type = inputs.optionalText("authType").orElse("none").toLowerCase(Locale.ROOT);
    if (type.equals("none")) {
      return HttpAuth.none();
    }
    final String secretName = inputs.text("authSecret");
    // The store refuses a URL outside the secret's binding. Redirects cannot carry it further: the
    // connector drops authentication when a redirect leaves the URL's scheme, host and port.
    final char[] secret = secrets.resolve(secretName, CONNECTOR, url);
    try {
      return switch (type) {
        case "basic" -> HttpAuth.basic(inputs.text("authUsername"), secret);
        case "bearer" -> HttpAuth.bearer(secret);
        case "apikeyheader" -> HttpAuth.apiKeyHeader(inputs.text("authKeyName"), secret);
        case "apikeyquery" -> HttpAuth.apiKeyQuery(inputs.text("authKeyName"), secret);
        default ->
            throw new InvalidJobInputException(
                "input 'authType' must be none, basic, bearer, apiKeyHeader or apiKeyQuery, was '"
                    + type
                    + "'");
      };
    } finally {
      // HttpAuth keeps its own copy.
      Arrays.fill(secret, '\0');
    }
  }

  private static URI url(final String text) {
    try {
      final URI url = new URI(text);
      if (url.getHost() == null) {
        throw new InvalidJobInputException("input 'url' has no host: '" + text + "'");
      }
      return url;
    } catch (URISyntaxException e) {
      throw new InvalidJobInputException("input 'url' is not a URL: " + e.getMessage());
    }
  }

  private static Map<String, String> texts(final Map<String, Object> values, final String input) {
    final Map<String, String> texts = new LinkedHashMap<>();
    values.forEach(
        (name, value) -> {
          if (value instanceof Map || value instanceof List) {
            throw new InvalidJobInputException(
                "input '" + input + "' entry '" + name + "' must be text");
          }
          texts.put(name, String.valueOf(value));
        });
    return texts;
  }

  private static Map<String, String> firstValues(final Map<String, List<String>> headers) {
    final Map<String, String> first = new LinkedHashMap<>();
    headers.forEach((name, values) -> first.put(name, values.isEmpty() ? "" : values.get(0)));
    return first;
  }
}
