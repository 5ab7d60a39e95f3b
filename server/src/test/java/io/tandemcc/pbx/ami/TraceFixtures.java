package io.tandemcc.pbx.ami;

import io.tandemcc.pbx.AgentEndpoint;
import io.tandemcc.pbx.MemberStatus;
import io.tandemcc.pbx.PbxEvent.QueueMemberStatusChanged;
import io.tandemcc.pbx.QueueMemberState;
import io.tandemcc.pbx.QueueRef;
import java.util.Map;

/**
 * What the recorded Asterisk knew: the names and data of the traces' actors, spelled as our domain
 * spells them.
 */
final class TraceFixtures {
  static final String ACME = "acme";
  static final QueueRef SUPPORT = new QueueRef(ACME, "support");
  static final AgentEndpoint ALICE = new AgentEndpoint(ACME, "1001");
  static final AgentEndpoint BOB = new AgentEndpoint(ACME, "1002");
  static final AgentEndpoint SUPERVISOR = new AgentEndpoint(ACME, "1901");
  static final String JANE_NUMBER = "+14155550123";
  static final String JANE = "Jane Customer";

  /**
   * CC_VAR1..10 as the IVR of the traces sets them (C escaping undone, UTF-8 intact, VAR4 set but
   * empty).
   */
  static Map<Integer, String> attachedData(String var7) {
    return Map.of(
        1, "CRM-4711",
        2, "Billing question about invoice 2026-0042",
        3, "Zoë Müller",
        4, "",
        5, "de-DE",
        6, "gold",
        7, var7,
        8, "IVR said \"option 2\"",
        9, "https://crm.example.com/tickets?id=4711&src=ivr",
        10, "last-var");
  }

  static QueueMemberState alice(MemberStatus status, boolean inCall, int callsTaken) {
    return new QueueMemberState(
        SUPPORT, ALICE, "Alice Agent", status, false, "", inCall, callsTaken);
  }

  static QueueMemberState bob(MemberStatus status, boolean inCall, int callsTaken) {
    return new QueueMemberState(SUPPORT, BOB, "Bob Agent", status, false, "", inCall, callsTaken);
  }

  static QueueMemberStatusChanged status(QueueMemberState state) {
    return new QueueMemberStatusChanged(ACME, state);
  }

  private TraceFixtures() {}
}
