package io.flowdesk.connectors.http;

import io.flowdesk.connectors.RetryPolicy;
import java.time.Duration;
import java.util.Objects;

/**
 * How the {@link HttpConnector} calls out.
 *
 * @param destinations the SSRF guard: allowed hosts and address ranges
 * @param retryPolicy attempts and back-off for 429, 5xx and refused connections
 * @param maxRedirects redirects followed per call (each one checked like the first URL); 0 returns
 *     the 3xx answer as it is
 * @param maxResponseBytes larger answers are refused rather than read into memory
 */
public record HttpConnectorSettings(
    DestinationPolicy destinations,
    Duration connectTimeout,
    Duration readTimeout,
    RetryPolicy retryPolicy,
    int maxRedirects,
    int maxResponseBytes) {

  public HttpConnectorSettings {
    Objects.requireNonNull(destinations, "destinations");
    connectTimeout = Objects.requireNonNullElse(connectTimeout, Duration.ofSeconds(10));
    readTimeout = Objects.requireNonNullElse(readTimeout, Duration.ofSeconds(30));
    retryPolicy = Objects.requireNonNullElse(retryPolicy, RetryPolicy.DEFAULT);
    if (maxRedirects < 0) {
      throw new IllegalArgumentException("maxRedirects must not be negative");
    }
    if (maxResponseBytes < 1) {
      throw new IllegalArgumentException("maxResponseBytes must be positive");
    }
  }

  /** 10 s connect, 30 s read, default retries, up to 5 redirects, answers up to 10 MiB. */
  public static HttpConnectorSettings of(final DestinationPolicy destinations) {
    return new HttpConnectorSettings(destinations, null, null, null, 5, 10 * 1024 * 1024);
  }

  public HttpConnectorSettings withRetryPolicy(final RetryPolicy retryPolicy) {
    return new HttpConnectorSettings(
        destinations, connectTimeout, readTimeout, retryPolicy, maxRedirects, maxResponseBytes);
  }

  public HttpConnectorSettings withTimeouts(final Duration connect, final Duration read) {
    return new HttpConnectorSettings(
        destinations, connect, read, retryPolicy, maxRedirects, maxResponseBytes);
  }

  public HttpConnectorSettings withMaxRedirects(final int maxRedirects) {
    return new HttpConnectorSettings(
        destinations, connectTimeout, readTimeout, retryPolicy, maxRedirects, maxResponseBytes);
  }

  public HttpConnectorSettings withMaxResponseBytes(final int maxResponseBytes) {
    return new HttpConnectorSettings(
        destinations, connectTimeout, readTimeout, retryPolicy, maxRedirects, maxResponseBytes);
  }
}
