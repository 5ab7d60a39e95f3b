package io.tandemcc.pbx.provisioning;

import java.util.List;

/** {@code tandem/pjsip_tenants.conf}: an endpoint and an AOR per agent, from pjsip.conf's templates. */
final class PjsipRenderer {
  /** Defined in asterisk-conf/pjsip.conf. */
  static final String AGENT_TEMPLATE = "tandem-webrtc-agent";
  static final String AOR_TEMPLATE = "tandem-webrtc-agent-aor";

  private PjsipRenderer() {}

  static String render(List<TenantPbxModel> tenants) {
    ConfText conf = new ConfText(PbxConfig.PJSIP_FILE,
        "pjsip.conf, which defines the templates " + AGENT_TEMPLATE + " and " + AOR_TEMPLATE,
        PbxConfig.RELOAD_PJSIP,
        List.of("One endpoint and one AOR per agent, named <tenant>-<extension>. No auth= on purpose: only the",
            "Tandem proxy on 127.0.0.1 can reach these endpoints (pjsip.conf, TRUST MODEL)."),
        tenants.stream().map(TenantPbxModel::domain).toList());
    for (TenantPbxModel tenant : tenants) {
      conf.tenant(tenant.domain());
      for (EndpointSpec endpoint : tenant.endpoints()) {
        String name = PbxNames.endpoint(tenant.domain(), endpoint.extension());
        conf.section(name, AGENT_TEMPLATE)
            .option("callerid", "\"" + endpoint.displayName() + "\" <" + endpoint.extension() + ">")
            .option("context", PbxNames.agentsContext(tenant.domain()))
            .option("aors", name)
            .option("tenantid", tenant.domain());
        conf.section(name, AOR_TEMPLATE);
      }
    }
    return conf.toString();
  }
}
