package io.flowdesk.connectors.http;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** A block of IP addresses in CIDR notation, e.g. {@code 10.0.0.0/8} or {@code fc00::/7}. */
public record AddressRange(InetAddress network, int prefixLength) {

  public AddressRange {
    final int bits = network.getAddress().length * 8;
    if (prefixLength < 0 || prefixLength > bits) {
      throw new IllegalArgumentException(
          "prefix /" + prefixLength + " does not fit " + network.getHostAddress());
    }
  }

  /**
   * Parses {@code address/prefix}; a bare address is a single-address range. Only IP literals are
   * accepted, never host names, so parsing never asks DNS.
   */
  public static AddressRange parse(final String cidr) {
    final String text = cidr == null ? "" : cidr.strip();
    final int slash = text.indexOf('/');
    final String address = slash < 0 ? text : text.substring(0, slash);
    if (!address.matches("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) {
      throw new IllegalArgumentException("'" + cidr + "' is not an IP address range (CIDR)");
    }
    final InetAddress network;
    try {
      network = InetAddress.getByName(address);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("'" + cidr + "' is not an IP address range (CIDR)", e);
    }
    final int bits = network.getAddress().length * 8;
    try {
      return new AddressRange(
          network, slash < 0 ? bits : Integer.parseInt(text.substring(slash + 1)));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + cidr + "' has no numeric prefix length", e);
    }
  }

  public boolean contains(final InetAddress address) {
    final byte[] net = network.getAddress();
    final byte[] candidate = address.getAddress();
    if (net.length != candidate.length) {
      return false;
    }
    int remaining = prefixLength;
    for (int i = 0; i < net.length && remaining > 0; i++, remaining -= 8) {
      final int mask = remaining >= 8 ? 0xff : (0xff << (8 - remaining)) & 0xff;
      if ((net[i] & mask) != (candidate[i] & mask)) {
        return false;
      }
    }
    return true;
  }

  /** Whether the range is one single address. */
  public boolean isSingleAddress() {
    return prefixLength == network.getAddress().length * 8;
  }

  @Override
  public String toString() {
    return network.getHostAddress() + "/" + prefixLength;
  }
}
