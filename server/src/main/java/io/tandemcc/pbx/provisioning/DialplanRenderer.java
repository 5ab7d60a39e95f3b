package io.tandemcc.pbx.provisioning;

import java.util.List;

/**
 * {@code tandem/extensions_tenants.conf}: per tenant, what its agents dial ({@code
 * <tenant>-agents}), the entry into its queues ({@code <tenant>-queue-entry}) and its conference
 * rooms ({@code <tenant>-conf}). Only validated names and constants are written; what a caller
 * dials reaches the subroutines through {@code ${EXTEN}} and is checked there (digits only).
 */
final class DialplanRenderer {
  /** Defined in asterisk-conf/extensions.conf. */
  static final String AGENT_DIAL = "tandem-agent-dial";

  static final String QUEUE_ENTRY = "tandem-queue-entry";
  static final String CONFERENCE = "tandem-conference";
  static final String REATTACH = "tandem-reattach";
  static final String REATTACH_AGENT = "tandem-reattach-agent";
  static final String REATTACH_HANGUP = PbxNames.REATTACH_HANGUP;
  static final String REATTACH_AGENT_EXTEN = PbxNames.REATTACH_AGENT;

  /**
   * Outgoing call patterns: Asterisk pattern, the digits of ${EXTEN} to keep, the prefix to dial.
   */
  private record External(String pattern, String dialled, String prefix, String comment) {}

  private static final List<External> EXTERNAL =
      List.of(
          new External("_9X.", "${EXTEN:1}", "", "9 + number: the number as the trunk expects it"),
          new External("_0X.", "${EXTEN}", "", "a national or international number (0..., 00...)"),
          new External("_+X.", "${EXTEN:1}", "+", "an E.164 number (+...)"));

  private DialplanRenderer() {}

  static String render(List<TenantPbxModel> tenants) {
    ConfText conf =
        new ConfText(
            PbxConfig.EXTENSIONS_FILE,
            "extensions.conf, which defines the subroutines " + AGENT_DIAL + " and " + QUEUE_ENTRY,
            PbxConfig.RELOAD_DIALPLAN,
            List.of(),
            tenants.stream().map(TenantPbxModel::domain).toList());
    for (TenantPbxModel tenant : tenants) {
      conf.tenant(tenant.domain());
      agents(conf, tenant);
      queueEntry(conf, tenant);
      conference(conf, tenant);
      reattach(conf, tenant);
    }
    return conf.toString();
  }

  private static void agents(ConfText conf, TenantPbxModel tenant) {
    String domain = tenant.domain();
    conf.section(PbxNames.agentsContext(domain), null);
    String what =
        "What agents of tenant "
            + domain
            + " dial (the context of their endpoints): colleagues by extension";
    if (tenant.outbound() == null) {
      conf.comment(what + "; no outside line.");
    } else {
      conf.comment(what + ",")
          .comment(
              "other numbers through trunk "
                  + tenant.outbound().trunkEndpoint()
                  + " (tandem-agent-dial lets digits only through).");
    }
    for (EndpointSpec endpoint : tenant.endpoints()) {
      conf.object(
              "exten",
              endpoint.extension()
                  + ",1,Gosub("
                  + AGENT_DIAL
                  + ",agent,1("
                  + domain
                  + ","
                  + endpoint.extension()
                  + "))")
          .same("n,Hangup()");
    }
    OutboundRoute route = tenant.outbound();
    if (route == null) {
      return;
    }
    String callerId = route.callerIdNumber() == null ? "" : route.callerIdNumber();
    for (External external : EXTERNAL) {
      if (route.refusedPrefixes().contains(head(external))) {
        continue; // the whole pattern is refused below (e.g. every + number when international
        // calls are off)
      }
      trunk(conf, domain, route, callerId, external, external.pattern(), external.comment());
    }
    for (String admitted : route.admittedPrefixes()) {
      External external =
          EXTERNAL.stream().filter(e -> admitted.startsWith(head(e))).findFirst().orElseThrow();
      trunk(
          conf,
          domain,
          route,
          callerId,
          external,
          "_" + admitted + ".",
          "the tenant's own country: " + admitted + "...");
    }
    refusals(conf, route);
  }

  private static void trunk(
      ConfText conf,
      String domain,
      OutboundRoute route,
      String callerId,
      External external,
      String pattern,
      String comment) {
    conf.comment(comment)
        .object("exten", pattern + ",1,Set(TANDEM_DIALED=" + external.dialled() + ")")
        .same(
            "n,Gosub("
                + AGENT_DIAL
                + ",external,1("
                + domain
                + ","
                + route.trunkEndpoint()
                + ","
                + external.prefix()
                + ","
                + callerId
                + "))")
        .same("n,Hangup()");
  }

  /**
   * The tenant's outbound rules at Asterisk too (defence in depth; the server refuses the same
   * numbers first): each blocked or premium prefix, and every international prefix when
   * international calls are off, hangs up with cause 21 (call rejected; a SIP 403 to the caller)
   * before Dial to the trunk. This relies on Asterisk's pattern order (docs.asterisk.org, Dialplan
   * "Pattern Matching"): the patterns that match are compared digit by digit from the left and, at
   * the first digit where they differ, the most constrained wins (a literal digit, one possibility,
   * over {@code X}, ten, over {@code .}, any); order in the file plays no part. So {@code _900900.}
   * is chosen over the trunk's {@code _9X.} (second digit: 0 over X), {@code _+1.} (the own
   * country, let through) over the refused {@code _+X.}, and {@code _+1900.} (premium) over {@code
   * _+1.} (third digit: 9 over .). A prefix that is a trunk pattern's first character ({@code +},
   * {@code 0}, {@code 9}) replaces that pattern: {@code _+X.} refuses instead of dialling, as
   * {@code _+.} would lose against {@code _+X.}.
   */
  private static void refusals(ConfText conf, OutboundRoute route) {
    if (route.refusedPrefixes().isEmpty()) {
      return;
    }
    conf.comment(
        "Refused by the tenant's outbound rules (blocked, premium, international): hang up, cause 21.");
    for (String refused : route.refusedPrefixes()) {
      String pattern = refused.length() == 1 ? "_" + refused + "X." : "_" + refused + ".";
      conf.object("exten", pattern + ",1,Hangup(21)");
    }
  }

  /** The first character of an outgoing pattern ({@code _9X.} → 9). */
  private static String head(External external) {
    return external.pattern().substring(1, 2);
  }

  /**
   * The tenant's conference rooms: any number the server sends a leg to; only its digits name the
   * room.
   */
  private static void conference(ConfText conf, TenantPbxModel tenant) {
    String domain = tenant.domain();
    conf.section(PbxNames.conferenceContext(domain), null)
        .comment(
            "Conference rooms of tenant "
                + domain
                + ": the server's AMI Redirect or Originate to <room number>,1.")
        .object("exten", "_X.,1,Set(TANDEM_ROOM=${FILTER(0-9,${EXTEN})})")
        .same("n,Gosub(" + CONFERENCE + ",s,1(" + domain + "))")
        .same("n,Hangup()");
  }

  /**
   * Reload survival (docs/webphone.md): the holding place of a customer whose agent's page went
   * away, one extension per queue to go back to after the grace period and {@value
   * #REATTACH_HANGUP} for none; {@value #REATTACH_AGENT_EXTEN} is the agent's new leg until the
   * server bridges it with the customer.
   */
  private static void reattach(ConfText conf, TenantPbxModel tenant) {
    String domain = tenant.domain();
    conf.section(PbxNames.reattachContext(domain), null)
        .comment(
            "Reload survival of tenant "
                + domain
                + ": only the server sends legs here (AMI Redirect, Originate).");
    for (QueueSpec queue : tenant.queues()) {
      conf.object(
              "exten",
              queue.name() + ",1,Gosub(" + REATTACH + ",s,1(" + domain + "," + queue.name() + "))")
          .same("n,Hangup()");
    }
    conf.object("exten", REATTACH_HANGUP + ",1,Gosub(" + REATTACH + ",s,1(" + domain + ",))")
        .same("n,Hangup()");
    conf.object("exten", REATTACH_AGENT_EXTEN + ",1,Gosub(" + REATTACH_AGENT + ",s,1())")
        .same("n,Hangup()");
  }

  private static void queueEntry(ConfText conf, TenantPbxModel tenant) {
    String domain = tenant.domain();
    conf.section(PbxNames.queueEntryContext(domain), null)
        .comment(
            "Into a queue of tenant "
                + domain
                + ": Goto, AMI Redirect or BlindTransfer to <queue name>,1 here.");
    for (QueueSpec queue : tenant.queues()) {
      conf.object(
              "exten",
              queue.name()
                  + ",1,Gosub("
                  + QUEUE_ENTRY
                  + ",s,1("
                  + domain
                  + ","
                  + queue.name()
                  + "))")
          .same("n,Hangup()");
    }
  }
}
