package io.flowdesk.app.webhook;

import io.flowdesk.connectors.http.DestinationPolicy;
import io.flowdesk.connectors.http.DestinationRefusedException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Which URLs a webhook may be sent to: https (http only where {@code allow-http} is set), any host
 * name, but never an address the HTTP connector's SSRF guard ({@link DestinationPolicy}) refuses
 * unless {@code allowed-address-ranges} lets it through. Checked when an admin subscribes a URL and
 * again at every connection (the sender's client resolves through the same policy).
 */
final class WebhookDestinations {

  private static final String GUARD_ADVICE =
      "; allow that range explicitly if the call is intended";

  private final DestinationPolicy policy;
  private final boolean allowHttp;

  WebhookDestinations(final WebhookProperties properties) {
    final DestinationPolicy.Builder builder = DestinationPolicy.builder().allowHost("*");
    properties.allowedAddressRanges().forEach(builder::allowAddressRange);
    this.policy = builder.build();
    this.allowHttp = properties.allowHttp();
  }

  DestinationPolicy policy() {
    return policy;
  }

  /**
   * @throws IllegalArgumentException naming the problem: not a URL, wrong scheme, or an address the
   *     guard refuses
   */
  URI check(final String text) {
    final URI url;
    try {
      url = new URI(text.strip());
    } catch (URISyntaxException e) {
      throw notAUrl(text);
    }
    if (!url.isAbsolute() || url.getHost() == null) {
      throw notAUrl(text);
    }
    final String scheme = url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !(allowHttp && scheme.equals("http"))) {
      throw new IllegalArgumentException(
          "URL '" + text.strip() + "' must use https" + (allowHttp ? " or http" : ""));
    }
    try {
      policy.checkUrl(url);
      policy.resolve(url.getHost());
    } catch (DestinationRefusedException refused) {
      // The guard's own advice names the HTTP connector's setting; webhooks have their own.
      throw new IllegalArgumentException(
          "URL '"
              + text.strip()
              + "' is refused: "
              + refused.getMessage().replace(GUARD_ADVICE, "")
              + "; an operator may allow that range in flowdesk.webhooks.allowed-address-ranges");
    } catch (UnknownHostException unknown) {
      throw new IllegalArgumentException(
          "URL '" + text.strip() + "' names host '" + url.getHost() + "', which does not resolve");
    }
    return url;
  }

  private static IllegalArgumentException notAUrl(final String text) {
    return new IllegalArgumentException(
        "'" + text.strip() + "' is not a URL: enter one like https://hooks.example.com/flowdesk");
  }
}
