package io.flowdesk.engine.access;

import java.util.Locale;

/**
 * The deliberate opt-out for a developer's laptop ({@code
 * flowdesk.engine.security.insecure-local-access}): a request without credentials is served when it
 * comes straight from this machine. "Straight" is decided on what no client or proxy can fake from
 * afar: the connection's own peer address is loopback, no proxy announced itself (any {@code
 * Forwarded}, {@code X-Forwarded-*}, {@code X-Real-IP} or {@code Via} header refuses it, whatever
 * forward-headers strategy the application uses), the {@code Host} names this machine (a DNS
 * rebinding page sends its own name), and no browser sent an {@code Origin}. A same-host reverse
 * proxy that adds no header at all is indistinguishable from a local client: hence never behind a
 * proxy, as the README says.
 */
final class LocalAccess {

  static final ApiClient CLIENT =
      new ApiClient("local", ApiClient.Kind.LOCAL, EnginePermission.ALL);

  boolean admits(final ApiRequest request) {
    return request.peer() != null
        && request.peer().isLoopbackAddress()
        && !request.proxied()
        && request.header("origin") == null
        && loopbackHost(request.header("host"));
  }

  private static boolean loopbackHost(final String host) {
    if (host == null || host.isBlank()) {
      return false;
    }
    final String name = withoutPort(host.trim().toLowerCase(Locale.ROOT));
    return "localhost".equals(name)
        || (name.startsWith("127.") && name.chars().allMatch(c -> c == '.' || Character.isDigit(c)))
        || "[::1]".equals(name)
        || "::1".equals(name);
  }

  private static String withoutPort(final String host) {
    if (host.startsWith("[")) {
      final int end = host.indexOf(']');
      return end < 0 ? host : host.substring(0, end + 1);
    }
    final int colon = host.indexOf(':');
    return colon < 0 || host.indexOf(':', colon + 1) >= 0 ? host : host.substring(0, colon);
  }
}
