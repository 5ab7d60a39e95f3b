package io.tandemcc.pbx.provisioning;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How a tenant's agents call out: through which trunk, with which caller id.
 *
 * @param trunkEndpoint the PJSIP endpoint of the tenant's trunk, written by hand in pjsip.conf and
 *     named {@code <domain>-<something>}, e.g. {@code acme-pstn}
 * @param callerIdNumber the number presented to called parties, e.g. {@code +14155550100}, or
 *     {@code null} to leave it to the trunk (the agent's extension would otherwise be sent)
 * @param refusedPrefixes what the dialplan refuses ahead of the trunk, as dialled ({@code 900900},
 *     {@code 00900}, {@code +900}, {@code +}): digits with an optional leading {@code +}, each
 *     starting with 9, 0 or +
 * @param admittedPrefixes what it sends to the trunk although a shorter refused prefix covers it
 *     (the tenant's own country when international calls are off: {@code +1}, {@code 001}, {@code
 *     9001})
 * @param connection where the trunk is and how it signs in, when the administration set a host: the
 *     server then renders the trunk's PJSIP objects; {@code null}: the trunk is written by hand in
 *     pjsip.conf
 */
public record OutboundRoute(
    String trunkEndpoint,
    String callerIdNumber,
    List<String> refusedPrefixes,
    List<String> admittedPrefixes,
    TrunkConnection connection) {
  private static final Pattern PREFIX = Pattern.compile("[90+][0-9]{0,19}");

  public OutboundRoute {
    Objects.requireNonNull(trunkEndpoint, "trunkEndpoint");
    refusedPrefixes = prefixes(refusedPrefixes);
    admittedPrefixes = prefixes(admittedPrefixes);
  }

  /** A route to a trunk written by hand in pjsip.conf. */
  public OutboundRoute(
      String trunkEndpoint,
      String callerIdNumber,
      List<String> refusedPrefixes,
      List<String> admittedPrefixes) {
    this(trunkEndpoint, callerIdNumber, refusedPrefixes, admittedPrefixes, null);
  }

  /** A route without refusals of its own. */
  public OutboundRoute(String trunkEndpoint, String callerIdNumber) {
    this(trunkEndpoint, callerIdNumber, List.of(), List.of());
  }

  /** Only digits and a leading + reach the dialplan's pattern names. */
  private static List<String> prefixes(List<String> prefixes) {
    for (String p : prefixes) {
      if (!PREFIX.matcher(p).matches()) {
        throw new IllegalArgumentException("not a dialled prefix: " + p);
      }
    }
    return List.copyOf(prefixes);
  }
}
