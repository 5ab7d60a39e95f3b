package io.tandemcc.config;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The reverse proxies (addresses or CIDR ranges) whose {@code X-Forwarded-For} header is believed.
 * Behind nginx or HAProxy every request comes from the proxy; without this the per-source login
 * throttle would count every user's failures against one address. Nothing is trusted unless
 * configured: a header from anyone else is ignored, so a client cannot pick its own source address.
 */
public final class TrustedProxies {
  private final AddressRanges ranges;

  private TrustedProxies(AddressRanges ranges) {
    this.ranges = ranges;
  }

  /** No proxy is trusted: the connection's peer is the client. */
  public static TrustedProxies none() {
    return new TrustedProxies(AddressRanges.none());
  }

  public boolean isEmpty() {
    return ranges.isEmpty();
  }

  /**
   * Parses a comma-separated list such as {@code 127.0.0.1, 10.0.0.0/8, ::1}; each bad entry is
   * reported.
   */
  static TrustedProxies parse(String list, List<String> errors) {
    return new TrustedProxies(AddressRanges.parse("TRUSTED_PROXIES", list, errors));
  }

  /**
   * The client's address: the connection's peer, unless that is a trusted proxy; then the
   * right-most address of {@code X-Forwarded-For} (each proxy appends the address it got the
   * request from) that is not itself a trusted proxy. A malformed entry stops the walk at the last
   * address known to be right.
   *
   * @param forwardedFor every {@code X-Forwarded-For} header value, in order
   */
  public String clientOf(String peer, List<String> forwardedFor) {
    if (ranges.isEmpty() || !ranges.contains(peer)) {
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
      if (!ranges.contains(hop.get())) {
        return client;
      }
    }
    return client;
  }

  /**
   * One hop: an address without a port or prefix; nginx and HAProxy never add either, so those are
   * refused.
   */
  private static Optional<IPAddress> parseHop(String hop) {
    if (hop.isEmpty() || hop.contains("/")) {
      return Optional.empty();
    }
    return Optional.ofNullable(new IPAddressString(hop).getAddress()).filter(a -> !a.isPrefixed());
  }

  @Override
  public String toString() {
    return ranges.toString();
  }
}
