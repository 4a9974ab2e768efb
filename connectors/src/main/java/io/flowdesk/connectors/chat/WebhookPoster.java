package io.flowdesk.connectors.chat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowdesk.connectors.ConnectorException;
import io.flowdesk.connectors.RetryAfter;
import io.flowdesk.connectors.RetryPolicy;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * POSTs a JSON payload to a webhook with retries for 429, 5xx and refused connections, and turns
 * what remains into {@link ConnectorException}s naming the service, the host and the answer.
 */
final class WebhookPoster {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_BODY_IN_MESSAGE = 200;

  private final String service;
  private final WebhookEndpoint endpoint;
  private final HttpClient http;
  private final Clock clock;

  WebhookPoster(final String service, final WebhookEndpoint endpoint, final Clock clock) {
    this.service = service;
    this.endpoint = endpoint;
    this.clock = clock;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(endpoint.timeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /**
   * @param errorInSuccess finds a failure that a service reports inside a 2xx answer (returns its
   *     text, or null when the answer is a real success)
   */
  void post(final Object payload, final UnaryOperator<String> errorInSuccess) {
    final HttpRequest request = request(payload);
    final RetryPolicy policy = endpoint.retryPolicy();
    for (int attempt = 1; ; attempt++) {
      final HttpResponse<String> response;
      try {
        response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      } catch (ConnectException | HttpConnectTimeoutException notConnected) {
        if (policy.allowsAnotherAttempt(attempt)) {
          RetryAfter.sleep(policy.delayAfter(attempt, null));
          continue;
        }
        throw new ConnectorException(
            "cannot reach " + where() + ": " + describe(notConnected), true, notConnected);
      } catch (HttpTimeoutException timeout) {
        throw new ConnectorException(
            where() + " did not answer within " + endpoint.timeout(), true, timeout);
      } catch (IOException failed) {
        throw new ConnectorException(
            "call to " + where() + " failed: " + describe(failed), true, failed);
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        throw new ConnectorException("interrupted while posting to " + where(), true, interrupted);
      }
      final int status = response.statusCode();
      final String body = response.body() == null ? "" : response.body().strip();
      if (status / 100 == 2) {
        final String error = errorInSuccess.apply(body);
        if (error == null) {
          return;
        }
        final boolean throttled = error.contains("429");
        throw new ConnectorException(
            where() + " answered " + status + " but reported: " + excerpt(error), throttled);
      }
      if (status == 429 || status >= 500) {
        final Duration retryAfter =
            RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null), clock);
        if (policy.allowsAnotherAttempt(attempt) && !policy.exceedsMaxDelay(retryAfter)) {
          RetryAfter.sleep(policy.delayAfter(attempt, retryAfter));
          continue;
        }
        throw new ConnectorException(
            where() + " answered " + status + " " + excerpt(body), true, retryAfter, null);
      }
      throw new ConnectorException(where() + " answered " + status + " " + excerpt(body), false);
    }
  }

  private HttpRequest request(final Object payload) {
    final byte[] json;
    try {
      json = JSON.writeValueAsBytes(payload);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(service + " message cannot be written as JSON", e);
    }
    return HttpRequest.newBuilder(endpoint.url())
        .timeout(endpoint.timeout())
        .header("Content-Type", "application/json; charset=utf-8")
        .POST(HttpRequest.BodyPublishers.ofByteArray(json))
        .build();
  }

  private String where() {
    return service + " webhook at " + endpoint.host();
  }

  private static String describe(final Exception failure) {
    return failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
  }

  private static String excerpt(final String body) {
    final String oneLine = body.replaceAll("\\s+", " ");
    return oneLine.length() <= MAX_BODY_IN_MESSAGE
        ? oneLine
        : oneLine.substring(0, MAX_BODY_IN_MESSAGE) + "...";
  }
}
