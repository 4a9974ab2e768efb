package io.flowdesk.connectors.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.apache.hc.client5.http.DnsResolver;

/**
 * The HTTP client's only way to turn a host name into addresses: every address is checked by the
 * {@link DestinationPolicy} and the client connects to exactly those, so a DNS answer cannot change
 * between the check and the connect.
 */
final class GuardedDnsResolver implements DnsResolver {

  /** Carries a refusal through the client, which only lets UnknownHostException out of DNS. */
  static final class Refused extends UnknownHostException {
    private static final long serialVersionUID = 1L;

    private final transient DestinationRefusedException refusal;

    Refused(final DestinationRefusedException refusal) {
      super(refusal.getMessage());
      this.refusal = refusal;
    }

    DestinationRefusedException refusal() {
      return refusal;
    }
  }

  private final DestinationPolicy policy;

  GuardedDnsResolver(final DestinationPolicy policy) {
    this.policy = policy;
  }

  @Override
  public InetAddress[] resolve(final String host) throws UnknownHostException {
    try {
      return policy.resolve(host);
    } catch (DestinationRefusedException refused) {
      throw new Refused(refused);
    }
  }

  @Override
  public String resolveCanonicalHostname(final String host) throws UnknownHostException {
    return resolve(host)[0].getCanonicalHostName();
  }
}
