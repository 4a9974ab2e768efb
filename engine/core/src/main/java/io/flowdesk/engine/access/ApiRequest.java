package io.flowdesk.engine.access;

import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * What the access rules read of one request, whichever gateway it came through.
 *
 * @param peer the address of the connection's other end, null when unknown; never an address a
 *     header claims
 * @param headers header (gRPC metadata) values by lower-case name, null when absent
 */
public record ApiRequest(InetAddress peer, Function<String, String> headers) {

  /** Headers a proxy adds; a request carrying any of them did not come straight from its peer. */
  private static final List<String> PROXY_HEADERS =
      List.of(
          "forwarded",
          "x-forwarded-for",
          "x-forwarded-host",
          "x-forwarded-proto",
          "x-forwarded-port",
          "x-forwarded-prefix",
          "x-forwarded-server",
          "x-real-ip",
          "x-original-forwarded-for",
          "true-client-ip",
          "client-ip",
          "via");

  public String header(final String name) {
    return headers.apply(name.toLowerCase(Locale.ROOT));
  }

  public String authorization() {
    return header("authorization");
  }

  /** True when a proxy on the way announced itself with one of the usual headers. */
  public boolean proxied() {
    return PROXY_HEADERS.stream().anyMatch(name -> header(name) != null);
  }
}
