package io.tandemcc.pbx.provisioning;

import java.util.List;
import java.util.Objects;

/**
 * What the PBX must know about one tenant.
 *
 * @param domain the tenant's domain, e.g. {@code acme}: the prefix of every PBX name of the tenant
 * @param endpoints the tenant's agent phones (browser endpoints), one per extension
 * @param queues the tenant's queues, one per agent group
 * @param outbound the trunk the tenant's agents call out through, or {@code null} when they may
 *     only call colleagues
 */
public record TenantPbxModel(
    String domain, List<EndpointSpec> endpoints, List<QueueSpec> queues, OutboundRoute outbound) {

  public TenantPbxModel {
    Objects.requireNonNull(domain, "domain");
    endpoints = List.copyOf(endpoints);
    queues = List.copyOf(queues);
  }

  /** A tenant whose agents may only call each other. */
  public static TenantPbxModel internalOnly(
      String domain, List<EndpointSpec> endpoints, List<QueueSpec> queues) {
    return new TenantPbxModel(domain, endpoints, queues, null);
  }
}
