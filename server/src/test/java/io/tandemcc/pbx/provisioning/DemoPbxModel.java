package io.tandemcc.pbx.provisioning;

import io.tandemcc.tenant.OutboundRules;
import java.util.List;

/**
 * The PBX model of development mode's demo tenant ({@code io.tandemcc.tenant.DemoData}): alice, bob
 * and carol on extensions 1001-1003 and sam's own phone 1901 (monitoring), groups Support ({@code
 * acme-support}: alice, bob) and Sales ({@code acme-sales}: carol), no static members; and the
 * example trunk {@code acme-pstn} of asterisk-conf/pjsip.conf with caller id +14155550100 ({@code
 * DemoData.TRUNK}, {@code DemoData.CALLER_ID}), with the dialplan refusals of its outbound rules.
 */
final class DemoPbxModel {
  static final String DOMAIN = "acme";

  /**
   * The demo tenant's outbound rules: a new tenant's defaults in country +1 ({@code
   * DemoData.COUNTRY_CODE}).
   */
  static final OutboundRules RULES =
      new OutboundRules(
          "1", List.of(), List.of(), OutboundRules.DEFAULT_PREMIUM, false, false, 10, 1);

  private DemoPbxModel() {}

  static TenantPbxModel acme() {
    return new TenantPbxModel(
        DOMAIN,
        List.of(
            new EndpointSpec("1001", "Alice Agent"),
            new EndpointSpec("1002", "Bob Agent"),
            new EndpointSpec("1003", "Carol Agent"),
            new EndpointSpec("1901", "Sam Supervisor")),
        List.of(QueueSpec.dynamic("acme-support"), QueueSpec.dynamic("acme-sales")),
        new OutboundRoute(
            "acme-pstn",
            "+14155550100",
            List.copyOf(RULES.dialplanRefusals()),
            List.copyOf(RULES.dialplanAdmissions())));
  }
}
