package io.tandemcc.pbx.provisioning;

import java.util.Comparator;
import java.util.List;

/** The one order everything is rendered in, so that the same model always gives the same bytes. */
final class Ordering {
  /**
   * Digit strings in numeric order: shorter first, then character by character ("99" before
   * "1001").
   */
  static final Comparator<String> EXTENSIONS =
      Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder());

  private Ordering() {}

  /**
   * Tenants by domain; in each, endpoints by extension, queues by name and static members by
   * extension.
   */
  static List<TenantPbxModel> sorted(List<TenantPbxModel> tenants) {
    return tenants.stream()
        .sorted(Comparator.comparing(TenantPbxModel::domain))
        .map(Ordering::sorted)
        .toList();
  }

  private static TenantPbxModel sorted(TenantPbxModel tenant) {
    List<EndpointSpec> endpoints =
        tenant.endpoints().stream()
            .sorted(Comparator.comparing(EndpointSpec::extension, EXTENSIONS))
            .toList();
    List<QueueSpec> queues =
        tenant.queues().stream()
            .sorted(Comparator.comparing(QueueSpec::name))
            .map(
                q ->
                    new QueueSpec(
                        q.name(),
                        q.staticMembers().stream()
                            .sorted(Comparator.comparing(StaticMember::extension, EXTENSIONS))
                            .toList(),
                        q.strategy(),
                        q.timeoutSeconds()))
            .toList();
    return new TenantPbxModel(tenant.domain(), endpoints, queues, tenant.outbound());
  }
}
