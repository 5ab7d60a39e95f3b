package io.tandemcc.config;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.util.ArrayList;
import java.util.List;

/**
 * A list of IP addresses and CIDR ranges from a setting ({@code 127.0.0.1, 10.0.0.0/8, ::1}): the
 * reverse proxies that are believed, the scrapers that may read the metrics. An IPv4 client seen
 * through a dual-stack socket as {@code ::ffff:a.b.c.d} matches its IPv4 range.
 */
public final class AddressRanges {
  private final List<IPAddress> ranges;
  private final List<String> configured;

  private AddressRanges(List<IPAddress> ranges, List<String> configured) {
    this.ranges = List.copyOf(ranges);
    this.configured = List.copyOf(configured);
  }

  public static AddressRanges none() {
    return new AddressRanges(List.of(), List.of());
  }

  /** Parses a comma-separated list; each bad entry is reported under the setting's name. */
  static AddressRanges parse(String setting, String list, List<String> errors) {
    List<IPAddress> ranges = new ArrayList<>();
    List<String> configured = new ArrayList<>();
    for (String raw : list.split(",")) {
      String entry = raw.trim();
      if (entry.isEmpty()) {
        continue;
      }
      IPAddress address = new IPAddressString(entry).getAddress();
      if (address == null) {
        errors.add(setting + ": '" + entry + "' is not an IP address or CIDR range");
      } else {
        ranges.add(address.toPrefixBlock());
        configured.add(entry);
      }
    }
    return new AddressRanges(ranges, configured);
  }

  public boolean isEmpty() {
    return ranges.isEmpty();
  }

  /**
   * Whether {@code address} (an address without prefix, as a socket gives it) lies in one of the
   * ranges.
   */
  public boolean contains(String address) {
    IPAddress parsed = new IPAddressString(address).getAddress();
    return parsed != null && contains(parsed);
  }

  boolean contains(IPAddress address) {
    IPAddress plain = address.withoutPrefixLength();
    for (IPAddress range : ranges) {
      if (range.contains(plain)) {
        return true;
      }
      if (plain.isIPv6()
          && plain.toIPv6().isIPv4Mapped()
          && range.isIPv4()
          && range.contains(plain.toIPv6().getEmbeddedIPv4Address())) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return configured.isEmpty() ? "none" : String.join(",", configured);
  }
}
