package io.tandemcc.pbx.provisioning;

import java.util.List;

/**
 * The PBX model of development mode's demo tenant ({@code io.tandemcc.tenant.DemoData}): alice, bob and carol on
 * extensions 1001-1003, groups Support ({@code acme-support}: alice, bob) and Sales ({@code acme-sales}: carol), no
 * static members; plus the example trunk {@code acme-pstn} of asterisk-conf/pjsip.conf (trunks are not in the
 * database yet).
 */
final class DemoPbxModel {
  static final String DOMAIN = "acme";

  private DemoPbxModel() {}

  static TenantPbxModel acme() {
    return new TenantPbxModel(DOMAIN,
        List.of(new EndpointSpec("1001", "Alice Agent"), new EndpointSpec("1002", "Bob Agent"),
            new EndpointSpec("1003", "Carol Agent")),
        List.of(QueueSpec.dynamic("acme-support"), QueueSpec.dynamic("acme-sales")),
        new OutboundRoute("acme-pstn", "+14155550100"));
  }
}
