package io.flowdesk.connectors.sms;

import com.twilio.exception.ApiException;
import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import io.flowdesk.connectors.RetryAfter;
import io.flowdesk.connectors.RetryPolicy;
import java.net.ConnectException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.util.Timeout;

/**
 * The Twilio SDK's own HTTP client with four changes: our timeouts, our retry policy in place of
 * the SDK's fixed one (which retries every 5xx three times, 100 ms apart, and ignores Retry-After),
 * no redirects followed (the auth token goes to one origin only), and, when an API base URL is
 * configured, connections to that host instead of api.twilio.com.
 *
 * <p>The SDK turns an error answer into an exception that no longer has the response headers, so
 * the outcome of the last call on this thread is kept for {@link SmsSender} to read.
 */
final class TwilioHttpClient extends NetworkHttpClient {

  /** Status and Retry-After of the last answer on the calling thread. */
  record Outcome(int status, Duration retryAfter) {}

  private static final ThreadLocal<Outcome> LAST = new ThreadLocal<>();

  private final RetryPolicy retryPolicy;
  private final Clock clock;

  TwilioHttpClient(final TwilioSettings settings, final Clock clock) {
    super(builder(settings));
    this.retryPolicy = settings.retryPolicy();
    this.clock = clock;
  }

  private static HttpClientBuilder builder(final TwilioSettings settings) {
    final Timeout connect = Timeout.of(settings.connectTimeout());
    final Timeout read = Timeout.of(settings.readTimeout());
    final RequestConfig requestConfig =
        RequestConfig.custom()
            .setConnectionRequestTimeout(connect)
            .setResponseTimeout(read)
            .build();
    final HttpClientBuilder builder =
        HttpClientBuilder.create()
            .setConnectionManager(
                PoolingHttpClientConnectionManagerBuilder.create()
                    .setDefaultConnectionConfig(
                        ConnectionConfig.custom()
                            .setConnectTimeout(connect)
                            .setSocketTimeout(read)
                            .build())
                    .build())
            .setDefaultRequestConfig(requestConfig)
            .disableAutomaticRetries()
            // Every request carries the auth token, which is bound to the API's origin; Twilio's
            // API does not redirect, so a redirect is answered as it is instead of followed.
            .disableRedirectHandling()
            // The SDK puts its own 30 s timeouts on every request; ours replace them.
            .addExecInterceptorFirst(
                "flowdesk-timeouts",
                (request, scope, chain) -> {
                  scope.clientContext.setRequestConfig(requestConfig);
                  return chain.proceed(request, scope);
                });
    final URI base = settings.apiBaseUrl();
    if (base != null) {
      final HttpHost host = new HttpHost(base.getScheme(), base.getHost(), port(base));
      builder.setRoutePlanner((target, context) -> new HttpRoute(host));
    }
    return builder;
  }

  private static int port(final URI base) {
    if (base.getPort() != -1) {
      return base.getPort();
    }
    return "https".equals(base.getScheme()) ? 443 : 80;
  }

  @Override
  public Response reliableRequest(final Request request) {
    LAST.remove();
    for (int attempt = 1; ; attempt++) {
      final Response response;
      try {
        response = makeRequest(request);
      } catch (ApiException failure) {
        // Only a refused or timed-out connect is certain not to have reached Twilio.
        if (notConnected(failure) && retryPolicy.allowsAnotherAttempt(attempt)) {
          RetryAfter.sleep(retryPolicy.delayAfter(attempt, null));
          continue;
        }
        throw failure;
      }
      final int status = response.getStatusCode();
      if (status != 429 && status < 500) {
        return response;
      }
      final Duration retryAfter = RetryAfter.parse(header(response, "Retry-After"), clock);
      if (!retryPolicy.allowsAnotherAttempt(attempt) || retryPolicy.exceedsMaxDelay(retryAfter)) {
        LAST.set(new Outcome(status, retryAfter));
        return response;
      }
      RetryAfter.sleep(retryPolicy.delayAfter(attempt, retryAfter));
    }
  }

  /** The last error answer the calling thread got, if its last call ended in one. */
  static Outcome lastOutcome() {
    return LAST.get();
  }

  private static boolean notConnected(final ApiException failure) {
    return failure.getCause() instanceof ConnectException
        || failure.getCause() instanceof ConnectTimeoutException;
  }

  private static String header(final Response response, final String name) {
    if (response.getHeaders() == null) {
      return null;
    }
    for (final Header header : response.getHeaders()) {
      if (header.getName().equalsIgnoreCase(name)) {
        return header.getValue();
      }
    }
    return null;
  }
}
