package io.tandemcc.pbx.provisioning;

import java.util.List;

/**
 * {@code tandem/extensions_tenants.conf}: per tenant, what its agents dial ({@code <tenant>-agents}), the entry
 * into its queues ({@code <tenant>-queue-entry}) and its conference rooms ({@code <tenant>-conf}). Only validated names and constants are written; what a caller
 * dials reaches the subroutines through {@code ${EXTEN}} and is checked there (digits only).
 */
final class DialplanRenderer {
  /** Defined in asterisk-conf/extensions.conf. */
  static final String AGENT_DIAL = "tandem-agent-dial";
  static final String QUEUE_ENTRY = "tandem-queue-entry";
  static final String CONFERENCE = "tandem-conference";

  /** Outgoing call patterns: Asterisk pattern, the digits of ${EXTEN} to keep, the prefix to dial. */
  private record External(String pattern, String dialled, String prefix, String comment) {}

  private static final List<External> EXTERNAL = List.of(
      new External("_9X.", "${EXTEN:1}", "", "9 + number: the number as the trunk expects it"),
      new External("_0X.", "${EXTEN}", "", "a national or international number (0..., 00...)"),
      new External("_+X.", "${EXTEN:1}", "+", "an E.164 number (+...)"));

  private DialplanRenderer() {}

  static String render(List<TenantPbxModel> tenants) {
    ConfText conf = new ConfText(PbxConfig.EXTENSIONS_FILE,
        "extensions.conf, which defines the subroutines " + AGENT_DIAL + " and " + QUEUE_ENTRY,
        PbxConfig.RELOAD_DIALPLAN, List.of(),
        tenants.stream().map(TenantPbxModel::domain).toList());
    for (TenantPbxModel tenant : tenants) {
      conf.tenant(tenant.domain());
      agents(conf, tenant);
      queueEntry(conf, tenant);
      conference(conf, tenant);
    }
    return conf.toString();
  }

  private static void agents(ConfText conf, TenantPbxModel tenant) {
    String domain = tenant.domain();
    conf.section(PbxNames.agentsContext(domain), null);
    String what = "What agents of tenant " + domain + " dial (the context of their endpoints): colleagues by extension";
    if (tenant.outbound() == null) {
      conf.comment(what + "; no outside line.");
    } else {
      conf.comment(what + ",").comment("other numbers through trunk " + tenant.outbound().trunkEndpoint()
          + " (tandem-agent-dial lets digits only through).");
    }
    for (EndpointSpec endpoint : tenant.endpoints()) {
      conf.object("exten", endpoint.extension() + ",1,Gosub(" + AGENT_DIAL + ",agent,1(" + domain + ","
          + endpoint.extension() + "))").same("n,Hangup()");
    }
    OutboundRoute route = tenant.outbound();
    if (route == null) {
      return;
    }
    String callerId = route.callerIdNumber() == null ? "" : route.callerIdNumber();
    for (External external : EXTERNAL) {
      conf.comment(external.comment())
          .object("exten", external.pattern() + ",1,Set(TANDEM_DIALED=" + external.dialled() + ")")
          .same("n,Gosub(" + AGENT_DIAL + ",external,1(" + domain + "," + route.trunkEndpoint() + ","
              + external.prefix() + "," + callerId + "))")
          .same("n,Hangup()");
    }
  }

  /** The tenant's conference rooms: any number the server sends a leg to; only its digits name the room. */
  private static void conference(ConfText conf, TenantPbxModel tenant) {
    String domain = tenant.domain();
    conf.section(PbxNames.conferenceContext(domain), null)
        .comment("Conference rooms of tenant " + domain + ": the server's AMI Redirect or Originate to <room number>,1.")
        .object("exten", "_X.,1,Set(TANDEM_ROOM=${FILTER(0-9,${EXTEN})})")
        .same("n,Gosub(" + CONFERENCE + ",s,1(" + domain + "))")
        .same("n,Hangup()");
  }

  private static void queueEntry(ConfText conf, TenantPbxModel tenant) {
    String domain = tenant.domain();
    conf.section(PbxNames.queueEntryContext(domain), null)
        .comment("Into a queue of tenant " + domain + ": Goto, AMI Redirect or BlindTransfer to <queue name>,1 here.");
    for (QueueSpec queue : tenant.queues()) {
      conf.object("exten", queue.name() + ",1,Gosub(" + QUEUE_ENTRY + ",s,1(" + domain + "," + queue.name() + "))")
          .same("n,Hangup()");
    }
  }
}
