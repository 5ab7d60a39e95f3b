package io.tandemcc.config;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The reverse proxies (addresses or CIDR ranges) whose {@code X-Forwarded-For} header is believed. Behind nginx or
 * HAProxy every request comes from the proxy; without this the per-source login throttle would count every user's
 * failures against one address. Nothing is trusted unless configured: a header from anyone else is ignored, so a
 * client cannot pick its own source address.
 */
public final class TrustedProxies {
  private final List<IPAddress> ranges;
  private final List<String> configured;

  private TrustedProxies(List<IPAddress> ranges, List<String> configured) {
    this.ranges = List.copyOf(ranges);
    this.configured = List.copyOf(configured);
  }

  /** No proxy is trusted: the connection's peer is the client. */
  public static TrustedProxies none() {
    return new TrustedProxies(List.of(), List.of());
  }

  /** Parses a comma-separated list such as {@code 127.0.0.1, 10.0.0.0/8, ::1}; each bad entry is reported. */
  static TrustedProxies parse(String list, List<String> errors) {
    List<IPAddress> ranges = new ArrayList<>();
    List<String> configured = new ArrayList<>();
    for (String raw : list.split(",")) {
      String entry = raw.trim();
      if (entry.isEmpty()) {
        continue;
      }
      IPAddress address = new IPAddressString(entry).getAddress();
      if (address == null) {
        errors.add("TRUSTED_PROXIES: '" + entry + "' is not an IP address or CIDR range");
      } else {
        ranges.add(address.toPrefixBlock());
        configured.add(entry);
      }
    }
    return new TrustedProxies(ranges, configured);
  }

  /**
   * The client's address: the connection's peer, unless that is a trusted proxy; then the right-most address of
   * {@code X-Forwarded-For} (each proxy appends the address it got the request from) that is not itself a trusted
   * proxy. A malformed entry stops the walk at the last address known to be right.
   *
   * @param forwardedFor every {@code X-Forwarded-For} header value, in order
   */
  public String clientOf(String peer, List<String> forwardedFor) {
    if (ranges.isEmpty() || !trusted(peer)) {
      return peer;
    }
    List<String> hops = new ArrayList<>();
    for (String header : forwardedFor) {
      for (String hop : header.split(",")) {
        hops.add(hop.trim());
      }
    }
    String client = peer;
    for (int i = hops.size() - 1; i >= 0; i--) {
      Optional<IPAddress> hop = parseHop(hops.get(i));
      if (hop.isEmpty()) {
        return client;
      }
      client = hop.get().toCanonicalString();
      if (!trusted(hop.get())) {
        return client;
      }
    }
    return client;
  }

  private boolean trusted(String address) {
    IPAddress parsed = new IPAddressString(address).getAddress();
    return parsed != null && trusted(parsed);
  }

  private boolean trusted(IPAddress address) {
    IPAddress plain = address.withoutPrefixLength();
    for (IPAddress range : ranges) {
      if (range.contains(plain)) {
        return true;
      }
      // an IPv4 client seen through a dual-stack socket as ::ffff:a.b.c.d
      if (plain.isIPv6() && plain.toIPv6().isIPv4Mapped() && range.isIPv4()
          && range.contains(plain.toIPv6().getEmbeddedIPv4Address())) {
        return true;
      }
    }
    return false;
  }

  /** One hop: an address without a port or prefix; nginx and HAProxy never add either, so those are refused. */
  private static Optional<IPAddress> parseHop(String hop) {
    if (hop.isEmpty() || hop.contains("/")) {
      return Optional.empty();
    }
    return Optional.ofNullable(new IPAddressString(hop).getAddress()).filter(a -> !a.isPrefixed());
  }

  @Override
  public String toString() {
    return configured.isEmpty() ? "none" : String.join(",", configured);
  }
}
