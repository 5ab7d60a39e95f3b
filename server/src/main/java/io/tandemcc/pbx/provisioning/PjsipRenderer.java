package io.tandemcc.pbx.provisioning;

import io.tandemcc.pbx.UpstreamCredentials;
import java.util.List;

/**
 * {@code tandem/pjsip_tenants.conf}: an endpoint and an AOR per agent, from pjsip.conf's templates,
 * and, with {@link UpstreamCredentials}, an auth object per agent holding its derived password,
 * referenced by the endpoint's {@code auth=}: Asterisk then challenges every out-of-dialog request
 * and only the Tandem proxy can answer.
 */
final class PjsipRenderer {
  /** Defined in asterisk-conf/pjsip.conf. */
  static final String AGENT_TEMPLATE = "tandem-webrtc-agent";

  static final String AOR_TEMPLATE = "tandem-webrtc-agent-aor";
  static final String AUTH_TEMPLATE = "tandem-webrtc-agent-auth";

  /** Defined in asterisk-conf/pjsip.conf: a carrier trunk identified by its address. */
  static final String TRUNK_TEMPLATE = "tandem-trunk";

  private PjsipRenderer() {}

  /**
   * @param credentials the agents' upstream passwords, or null to render endpoints without auth
   */
  static String render(List<TenantPbxModel> tenants, UpstreamCredentials credentials) {
    List<String> about =
        credentials == null
            ? List.of(
                "One endpoint and one AOR per agent, named <tenant>-<extension>. No auth=: only the Tandem",
                "proxy on 127.0.0.1 can reach these endpoints (pjsip.conf, TRUST MODEL).")
            : List.of(
                "One endpoint, one AOR and one auth per agent, named <tenant>-<extension>. Each password is",
                "derived from the server's SIP_UPSTREAM_SECRET and known only to the Tandem proxy, which answers",
                "Asterisk's challenges (realm "
                    + UpstreamCredentials.REALM
                    + "); browsers never see it (pjsip.conf,",
                "TRUST MODEL). Keep this file readable by Asterisk and the server only.");
    ConfText conf =
        new ConfText(
            PbxConfig.PJSIP_FILE,
            "pjsip.conf, which defines the templates "
                + AGENT_TEMPLATE
                + ", "
                + AOR_TEMPLATE
                + " and "
                + AUTH_TEMPLATE,
            PbxConfig.RELOAD_PJSIP,
            about,
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
        if (credentials != null) {
          conf.option("auth", name);
        }
        conf.section(name, AOR_TEMPLATE);
        if (credentials != null) {
          conf.section(name, AUTH_TEMPLATE)
              .option("username", name)
              .option("realm", UpstreamCredentials.REALM)
              .option("password", credentials.password(name));
        }
      }
      if (tenant.outbound() != null && tenant.outbound().connection() != null) {
        trunk(
            conf,
            tenant.domain(),
            tenant.outbound().trunkEndpoint(),
            tenant.outbound().connection());
      }
    }
    return conf.toString();
  }

  /**
   * The trunk the administration set up: its endpoint (from pjsip.conf's {@value #TRUNK_TEMPLATE}),
   * AOR and identify by its host, and with a username an auth and an outbound registration. Values
   * were checked by the validator ({@link TrunkConnection}): none can break out of its line.
   */
  private static void trunk(ConfText conf, String domain, String endpoint, TrunkConnection c) {
    String hostPort = c.host() + ":" + c.port();
    boolean auth = c.username() != null && c.password() != null;
    conf.comment(
        "trunk " + endpoint + " (set in the administration; the password is write-only there)");
    conf.section(endpoint, TRUNK_TEMPLATE)
        .option("context", PbxNames.inboundContext(domain))
        .option("aors", endpoint)
        .option("tenantid", domain);
    if (auth) {
      conf.option("outbound_auth", endpoint + "-auth");
    }
    conf.section(endpoint, null).option("type", "aor").option("contact", "sip:" + hostPort);
    conf.section(endpoint, null)
        .option("type", "identify")
        .option("endpoint", endpoint)
        .option("match", c.host());
    if (auth) {
      conf.section(endpoint + "-auth", null)
          .option("type", "auth")
          .option("auth_type", "digest")
          .option("username", c.username())
          .option("password", c.password());
      conf.section(endpoint + "-reg", null)
          .option("type", "registration")
          .option("transport", "transport-udp")
          .option("outbound_auth", endpoint + "-auth")
          .option("server_uri", "sip:" + hostPort)
          .option("client_uri", "sip:" + c.username() + "@" + hostPort)
          .option("retry_interval", "60");
    }
  }
}
