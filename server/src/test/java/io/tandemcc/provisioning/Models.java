package io.tandemcc.provisioning;

import io.tandemcc.pbx.provisioning.EndpointSpec;
import io.tandemcc.pbx.provisioning.OutboundRoute;
import io.tandemcc.pbx.provisioning.QueueSpec;
import io.tandemcc.pbx.provisioning.StaticMember;
import io.tandemcc.pbx.provisioning.TenantPbxModel;
import java.util.List;

/** Small tenant models for the provisioning tests. */
final class Models {
  private Models() {}

  /**
   * Two agents on 2001/2002 in queue {@code <domain>-sales}, the first a static member; a trunk.
   */
  static TenantPbxModel tenant(String domain, String firstAgentName) {
    return new TenantPbxModel(
        domain,
        List.of(new EndpointSpec("2001", firstAgentName), new EndpointSpec("2002", "Second Agent")),
        List.of(new QueueSpec(domain + "-sales", List.of(new StaticMember("2001", 0)))),
        new OutboundRoute(domain + "-pstn", null));
  }

  static TenantPbxModel tenant(String domain) {
    return tenant(domain, "First Agent");
  }
}
