package io.flowdesk.domain.secret;

import java.net.IDN;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One place a secret may be sent: an origin, {@code scheme://host[:port]}, where the host is exact
 * ({@code api.example.com}, an IP literal) or {@code *.example.com} (every name below example.com,
 * not example.com itself). A URL matches on scheme, host and port, compared as parsed parts, never
 * as a text prefix: {@code https://api.example.com.evil.net} is not {@code
 * https://api.example.com}.
 *
 * <p>Schemes: {@code http} and {@code https} (port defaults to 80 and 443), {@code smtp} for the
 * mail server and {@code imap} for a mailbox email-to-ticket reads, whose ports are always written
 * out.
 */
public record SecretDestination(String scheme, String host, boolean anySubdomain, int port) {

  private static final Map<String, Integer> DEFAULT_PORTS = Map.of("http", 80, "https", 443);
  private static final Set<String> SCHEMES = Set.of("http", "https", "smtp", "imap");
  private static final Pattern HOST_NAME =
      Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");
  private static final Pattern IPV6 = Pattern.compile("[0-9a-f:.]+");

  /**
   * Reads {@code scheme://host[:port]} (one trailing {@code /} allowed).
   *
   * @throws IllegalArgumentException naming the destination and what is wrong with it
   */
  public static SecretDestination parse(final String text) {
    final String given = text == null ? "" : text.strip();
    final int separator = given.indexOf("://");
    if (separator < 1) {
      throw invalid(given, "write it as scheme://host[:port], e.g. https://api.example.com");
    }
    final String scheme = given.substring(0, separator).toLowerCase(Locale.ROOT);
    if (!SCHEMES.contains(scheme)) {
      throw invalid(given, "the scheme must be http, https, smtp or imap");
    }
    String authority = given.substring(separator + 3);
    if (authority.endsWith("/")) {
      authority = authority.substring(0, authority.length() - 1);
    }
    if (authority.isEmpty()) {
      throw invalid(given, "it names no host");
    }
    if (authority.chars().anyMatch(c -> "/?#@\\".indexOf(c) >= 0 || Character.isWhitespace(c))) {
      throw invalid(given, "only scheme://host[:port] is allowed, without path, query or user");
    }
    final String hostPart;
    final String portPart;
    if (authority.startsWith("[")) {
      final int end = authority.indexOf(']');
      if (end < 0) {
        throw invalid(given, "the IPv6 address has no closing ']'");
      }
      hostPart = authority.substring(0, end + 1);
      final String rest = authority.substring(end + 1);
      if (!rest.isEmpty() && !rest.startsWith(":")) {
        throw invalid(given, "unexpected text after the IPv6 address");
      }
      portPart = rest.isEmpty() ? null : rest.substring(1);
    } else {
      final int colon = authority.lastIndexOf(':');
      hostPart = colon < 0 ? authority : authority.substring(0, colon);
      portPart = colon < 0 ? null : authority.substring(colon + 1);
    }
    final int port = port(given, scheme, portPart);
    final boolean anySubdomain = hostPart.startsWith("*.");
    final String host = host(given, anySubdomain ? hostPart.substring(2) : hostPart);
    if (anySubdomain && (host.indexOf('.') < 0 || host.indexOf(':') >= 0 || isIpv4(host))) {
      throw invalid(
          given, "'*.' must be followed by a domain with at least two labels, e.g. *.example.com");
    }
    return new SecretDestination(scheme, host, anySubdomain, port);
  }

  /** Whether {@code url} goes to this origin (scheme, host and port). */
  public boolean matches(final URI url) {
    if (url == null || url.getScheme() == null || url.getHost() == null) {
      return false;
    }
    if (!scheme.equals(url.getScheme().toLowerCase(Locale.ROOT)) || port != portOf(url)) {
      return false;
    }
    final String urlHost;
    try {
      urlHost = normalise(url.getHost());
    } catch (IllegalArgumentException notAHostName) {
      return false;
    }
    return anySubdomain ? urlHost.endsWith("." + host) : urlHost.equals(host);
  }

  /** {@code scheme://host[:port]} of a URL, for messages: no path or query, which may hold data. */
  public static String originOf(final URI url) {
    if (url == null || url.getHost() == null) {
      return "a URL without a host";
    }
    final String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    return scheme + "://" + url.getHost() + ":" + portOf(url);
  }

  private static int portOf(final URI url) {
    if (url.getPort() != -1) {
      return url.getPort();
    }
    return DEFAULT_PORTS.getOrDefault(url.getScheme().toLowerCase(Locale.ROOT), -1);
  }

  private static int port(final String given, final String scheme, final String text) {
    if (text == null || text.isEmpty()) {
      final Integer port = DEFAULT_PORTS.get(scheme);
      if (port == null) {
        throw invalid(given, "an " + scheme + " destination needs its port, e.g. :587");
      }
      return port;
    }
    if (!text.chars().allMatch(Character::isDigit) || text.length() > 5) {
      throw invalid(given, "the port '" + text + "' is not a number");
    }
    final int port = Integer.parseInt(text);
    if (port < 1 || port > 65_535) {
      throw invalid(given, "the port " + port + " is not in 1..65535");
    }
    return port;
  }

  private static String host(final String given, final String text) {
    if (text.contains("*")) {
      throw invalid(given, "'*' is only allowed as a leading '*.' (e.g. https://*.example.com)");
    }
    final String host;
    try {
      host = normalise(text);
    } catch (IllegalArgumentException e) {
      throw invalid(given, "'" + text + "' is not a host name");
    }
    final boolean valid = host.indexOf(':') >= 0 ? IPV6.matcher(host).matches() : isHost(host);
    if (!valid) {
      throw invalid(given, "'" + text + "' is not a host name");
    }
    return host;
  }

  private static boolean isHost(final String host) {
    return host.length() <= 253 && HOST_NAME.matcher(host).matches();
  }

  private static boolean isIpv4(final String host) {
    return host.matches("[0-9.]+");
  }

  /** Lower case, without IPv6 brackets or a trailing dot, international names in ASCII. */
  private static String normalise(final String host) {
    String name = host.strip();
    if (name.startsWith("[") && name.endsWith("]")) {
      return name.substring(1, name.length() - 1).toLowerCase(Locale.ROOT);
    }
    if (name.endsWith(".")) {
      name = name.substring(0, name.length() - 1);
    }
    return IDN.toASCII(name, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
  }

  private static IllegalArgumentException invalid(final String given, final String problem) {
    return new IllegalArgumentException("destination '" + given + "' is not valid: " + problem);
  }

  /** The canonical form, as stored and shown: the default port of http and https left out. */
  @Override
  public String toString() {
    final String name = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    final boolean defaultPort = DEFAULT_PORTS.getOrDefault(scheme, -1) == port;
    return scheme + "://" + (anySubdomain ? "*." : "") + name + (defaultPort ? "" : ":" + port);
  }
}
