package io.flowdesk.connectors.chat;

import io.flowdesk.connectors.RetryPolicy;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * An incoming-webhook URL and how to call it. The URL's path and query are the credential (anyone
 * who has them can post), so {@link #toString()} and error messages show only its host.
 *
 * @param timeout for connecting and for the whole answer
 * @param retryPolicy attempts and back-off for 429, 5xx and refused connections
 */
public record WebhookEndpoint(URI url, Duration timeout, RetryPolicy retryPolicy) {

  public WebhookEndpoint {
    if (url == null
        || url.getHost() == null
        || !("https".equals(url.getScheme()) || "http".equals(url.getScheme()))) {
      throw new IllegalArgumentException(
          "webhook URL must be an absolute http(s) URL"
              + (url == null || url.getHost() == null ? "" : ", host " + url.getHost()));
    }
    timeout = Objects.requireNonNullElse(timeout, Duration.ofSeconds(10));
    retryPolicy = Objects.requireNonNullElse(retryPolicy, RetryPolicy.DEFAULT);
  }

  /** 10 s timeout, default retries. */
  public static WebhookEndpoint of(final URI url) {
    return new WebhookEndpoint(url, null, null);
  }

  public WebhookEndpoint withRetryPolicy(final RetryPolicy retryPolicy) {
    return new WebhookEndpoint(url, timeout, retryPolicy);
  }

  /** The part of the URL that may be shown: scheme, host and port. */
  public String host() {
    return url.getPort() == -1 ? url.getHost() : url.getHost() + ":" + url.getPort();
  }

  @Override
  public String toString() {
    return "WebhookEndpoint[url="
        + url.getScheme()
        + "://"
        + host()
        + "/***, timeout="
        + timeout
        + ", retryPolicy="
        + retryPolicy
        + "]";
  }
}
