package io.flowdesk.connectors.http;

import java.net.IDN;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Where the HTTP connector may send requests: the SSRF guard.
 *
 * <p>A destination must pass two checks. Its host name must be on the allow-list: exact names
 * ({@code api.example.com}, IP literals too) or {@code *.example.com}, which matches every name
 * below example.com but not example.com itself; {@code *} alone allows every name. And every
 * address the name resolves to must be outside the refused blocks below, unless an explicitly
 * allowed range ({@link Builder#allowAddressRange}) contains it. Cloud metadata addresses need the
 * single address itself to be allowed, never just a range around it.
 *
 * <table>
 *   <caption>Refused address blocks</caption>
 *   <tr><th>rule</th><th>blocks</th></tr>
 *   <tr><td>metadata</td><td>169.254.169.254, fd00:ec2::254, 100.100.100.200, 168.63.129.16</td></tr>
 *   <tr><td>unspecified</td><td>0.0.0.0/8, ::/128</td></tr>
 *   <tr><td>loopback</td><td>127.0.0.0/8, ::1/128</td></tr>
 *   <tr><td>link-local</td><td>169.254.0.0/16, fe80::/10</td></tr>
 *   <tr><td>private</td><td>10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 100.64.0.0/10, fc00::/7</td></tr>
 *   <tr><td>multicast</td><td>224.0.0.0/4, ff00::/8</td></tr>
 *   <tr><td>reserved</td><td>240.0.0.0/4 (with 255.255.255.255)</td></tr>
 * </table>
 *
 * IPv6 addresses that embed an IPv4 address (IPv4-compatible, NAT64 64:ff9b::/96, 6to4 2002::/16)
 * are checked as that IPv4 address too.
 */
public final class DestinationPolicy {

  private record Block(String rule, AddressRange range) {}

  private static final List<Block> REFUSED =
      List.of(
          block("metadata", "169.254.169.254/32"),
          block("metadata", "fd00:ec2::254/128"),
          block("metadata", "100.100.100.200/32"),
          block("metadata", "168.63.129.16/32"),
          block("unspecified", "0.0.0.0/8"),
          block("unspecified", "::/128"),
          block("loopback", "127.0.0.0/8"),
          block("loopback", "::1/128"),
          block("link-local", "169.254.0.0/16"),
          block("link-local", "fe80::/10"),
          block("private", "10.0.0.0/8"),
          block("private", "172.16.0.0/12"),
          block("private", "192.168.0.0/16"),
          block("private", "100.64.0.0/10"),
          block("private", "fc00::/7"),
          block("multicast", "224.0.0.0/4"),
          block("multicast", "ff00::/8"),
          block("reserved", "240.0.0.0/4"));

  private static final AddressRange NAT64 = AddressRange.parse("64:ff9b::/96");
  private static final AddressRange SIX_TO_FOUR = AddressRange.parse("2002::/16");

  private final Set<String> exactHosts;
  private final List<String> suffixes;
  private final boolean anyHost;
  private final List<AddressRange> allowedRanges;

  private DestinationPolicy(final Builder builder) {
    this.exactHosts = Set.copyOf(builder.exactHosts);
    this.suffixes = List.copyOf(builder.suffixes);
    this.anyHost = builder.anyHost;
    this.allowedRanges = List.copyOf(builder.allowedRanges);
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Checks scheme, credentials in the URL and the host name against the allow-list; no DNS.
   *
   * @return the normalised host name
   */
  public String checkUrl(final URI url) {
    if (url == null || !url.isAbsolute()) {
      throw new IllegalArgumentException("URL must be absolute, was " + url);
    }
    final String scheme = url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException(
          "URL scheme must be http or https, was '" + url.getScheme() + "'");
    }
    if (url.getRawUserInfo() != null) {
      throw new IllegalArgumentException(
          "URL for host " + url.getHost() + " carries credentials; pass them as auth instead");
    }
    if (url.getHost() == null || url.getHost().isBlank()) {
      throw new IllegalArgumentException("URL has no host: " + url.getScheme() + "://...");
    }
    final String host = normalise(url.getHost());
    if (!isListed(host)) {
      throw new DestinationRefusedException(
          host, "allow-list", "host '" + host + "' is not on the HTTP connector's allow-list");
    }
    return host;
  }

  /**
   * Resolves a host and checks every address it has. The caller connects only to the returned
   * addresses, so a DNS answer that changes after the check (rebinding) cannot redirect it.
   */
  public InetAddress[] resolve(final String host) throws UnknownHostException {
    final String name = normalise(host);
    final InetAddress[] addresses = InetAddress.getAllByName(name);
    for (final InetAddress address : addresses) {
      checkAddress(name, address);
    }
    return addresses;
  }

  /** Refuses an address in a refused block that no allowed range covers. */
  public void checkAddress(final String host, final InetAddress address) {
    for (final InetAddress candidate : withEmbeddedIpv4(address)) {
      for (final Block block : REFUSED) {
        if (block.range().contains(candidate) && !explicitlyAllowed(block, candidate)) {
          throw new DestinationRefusedException(
              host,
              block.rule() + " " + block.range(),
              "host '"
                  + host
                  + "' resolves to "
                  + address.getHostAddress()
                  + ", refused by the "
                  + block.rule()
                  + " rule ("
                  + block.range()
                  + "); allow that range explicitly if the call is intended");
        }
      }
    }
  }

  private boolean explicitlyAllowed(final Block block, final InetAddress address) {
    final boolean metadata = block.rule().equals("metadata");
    return allowedRanges.stream()
        .anyMatch(range -> range.contains(address) && (!metadata || range.isSingleAddress()));
  }

  private boolean isListed(final String host) {
    if (anyHost || exactHosts.contains(host)) {
      return true;
    }
    return suffixes.stream().anyMatch(suffix -> host.endsWith("." + suffix));
  }

  private static List<InetAddress> withEmbeddedIpv4(final InetAddress address) {
    final List<InetAddress> all = new ArrayList<>(List.of(address));
    if (address instanceof Inet6Address v6) {
      final byte[] bytes = v6.getAddress();
      if (v6.isIPv4CompatibleAddress() || NAT64.contains(v6)) {
        all.add(ipv4(bytes, 12));
      } else if (SIX_TO_FOUR.contains(v6)) {
        all.add(ipv4(bytes, 2));
      }
    }
    return all;
  }

  private static InetAddress ipv4(final byte[] bytes, final int offset) {
    try {
      return Inet4Address.getByAddress(
          new byte[] {bytes[offset], bytes[offset + 1], bytes[offset + 2], bytes[offset + 3]});
    } catch (UnknownHostException e) {
      throw new IllegalStateException("four bytes are always an IPv4 address", e);
    }
  }

  static String normalise(final String host) {
    String name = host.strip();
    if (name.startsWith("[") && name.endsWith("]")) {
      name = name.substring(1, name.length() - 1);
    }
    if (name.endsWith(".")) {
      name = name.substring(0, name.length() - 1);
    }
    if (name.contains(":")) {
      return name.toLowerCase(Locale.ROOT);
    }
    return IDN.toASCII(name, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
  }

  private static Block block(final String rule, final String cidr) {
    return new Block(rule, AddressRange.parse(cidr));
  }

  @Override
  public String toString() {
    return "DestinationPolicy[hosts="
        + (anyHost ? "*" : exactHosts)
        + ", suffixes="
        + suffixes
        + ", allowedRanges="
        + allowedRanges
        + "]";
  }

  /** Collects allowed hosts and ranges. */
  public static final class Builder {
    private final Set<String> exactHosts = new LinkedHashSet<>();
    private final List<String> suffixes = new ArrayList<>();
    private final List<AddressRange> allowedRanges = new ArrayList<>();
    private boolean anyHost;

    private Builder() {}

    /** An exact host ({@code api.example.com}, {@code 203.0.113.7}) or {@code *.suffix}. */
    public Builder allowHost(final String pattern) {
      if (pattern == null || pattern.isBlank()) {
        throw new IllegalArgumentException("allowed host pattern is empty");
      }
      final String value = pattern.strip();
      if (value.equals("*")) {
        anyHost = true;
      } else if (value.startsWith("*.")) {
        final String suffix = normalise(value.substring(2));
        if (suffix.isEmpty() || suffix.contains("*")) {
          throw new IllegalArgumentException("'" + pattern + "' is not a host pattern");
        }
        suffixes.add(suffix);
      } else if (value.contains("*")) {
        throw new IllegalArgumentException(
            "'" + pattern + "' is not a host pattern (only a leading '*.' is supported)");
      } else {
        exactHosts.add(normalise(value));
      }
      return this;
    }

    /** Lets calls reach addresses in this CIDR range even if a refusing rule covers them. */
    public Builder allowAddressRange(final String cidr) {
      allowedRanges.add(AddressRange.parse(cidr));
      return this;
    }

    public DestinationPolicy build() {
      return new DestinationPolicy(this);
    }
  }
}
