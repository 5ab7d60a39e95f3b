package io.tandemcc.pbx.provisioning;

import java.util.Objects;

/**
 * How a tenant's agents call out: through which trunk, with which caller id.
 *
 * @param trunkEndpoint the PJSIP endpoint of the tenant's trunk, written by hand in pjsip.conf and named
 *     {@code <domain>-<something>}, e.g. {@code acme-pstn}
 * @param callerIdNumber the number presented to called parties, e.g. {@code +14155550100}, or {@code null} to leave
 *     it to the trunk (the agent's extension would otherwise be sent)
 */
public record OutboundRoute(String trunkEndpoint, String callerIdNumber) {

  public OutboundRoute {
    Objects.requireNonNull(trunkEndpoint, "trunkEndpoint");
  }
}
