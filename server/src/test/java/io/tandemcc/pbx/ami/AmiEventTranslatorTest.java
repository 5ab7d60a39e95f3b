package io.tandemcc.pbx.ami;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandemcc.pbx.AgentEndpoint;
import io.tandemcc.pbx.PbxEvent;
import io.tandemcc.pbx.PbxEvent.QueueCallOffered;
import io.tandemcc.pbx.QueueRef;
import java.util.List;
import java.util.Map;
import org.asteriskjava.manager.event.AgentCalledEvent;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.NewExtenEvent;
import org.asteriskjava.manager.event.QueueMemberAddedEvent;
import org.asteriskjava.manager.event.VarSetEvent;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The translator on its own, fed with asterisk-java event objects (the replay tests feed it over a
 * socket).
 */
@DisplayName("The AMI event translator")
class AmiEventTranslatorTest {
  private static final Object SOURCE = new Object();
  private static final String CALLER = "1795315375.0";

  private final AmiEventTranslator translator = new AmiEventTranslator("pbx-unit");

  @Test
  @DisplayName("counts events it has no handler for and drops them")
  void countsUnknownEvents() {
    assertThat(translator.translate(new NewExtenEvent(SOURCE))).isEmpty();
    assertThat(translator.translate(new NewExtenEvent(SOURCE))).isEmpty();

    assertThat(translator.stats().unknown()).containsEntry("NewExten", 2L);
    assertThat(translator.stats().produced()).isZero();
  }

  @Test
  @DisplayName("drops an event missing a field it needs, counts it, and does not throw")
  void dropsMalformedEvents() {
    QueueMemberAddedEvent noQueue = new QueueMemberAddedEvent(SOURCE);
    noQueue.setInterface("PJSIP/acme-1001");

    assertThat(translator.translate(noQueue)).isEmpty();
    assertThat(translator.stats().malformed()).containsEntry("QueueMemberAdded", 1L);
  }

  @Test
  @DisplayName(
      "completes an offer's attached data from VarSet when the event carries no ChanVariable")
  void attachedDataFromVarSet() {
    varSet("__CC_VAR1", "CRM-4711");
    varSet("__CC_VAR3", "Zoë Müller");
    varSet("__CC_VAR8", "IVR said \\\"option 2\\\"");
    varSet("__CC_TENANT", "acme");
    varSet("__CC_CALLID", "call-42");
    varSet("UNRELATED", "ignored");

    List<PbxEvent> out = translator.translate(agentCalled(Map.of()));

    assertThat(out)
        .containsExactly(
            new QueueCallOffered(
                "acme",
                new QueueRef("acme", "support"),
                "call-42",
                new AgentEndpoint("acme", "1001"),
                "1795315375.1",
                "+14155550123",
                "Jane Customer",
                Map.of(1, "CRM-4711", 3, "Zoë Müller", 8, "IVR said \"option 2\"")));
  }

  @Test
  @DisplayName("prefers the ChanVariable snapshot of the event over earlier VarSet values")
  void chanVariableWins() {
    varSet("__CC_VAR1", "stale");

    List<PbxEvent> out =
        translator.translate(agentCalled(Map.of("CC_VAR1", "fresh", "CC_VAR2", "")));

    assertThat(((QueueCallOffered) out.get(0)).attachedData())
        .containsExactly(Map.entry(1, "fresh"), Map.entry(2, ""));
    assertThat(((QueueCallOffered) out.get(0)).callId())
        .as("no CC_CALLID: the caller's Uniqueid")
        .isEqualTo(CALLER);
  }

  @Test
  @DisplayName("drops an offer whose CC_TENANT names another tenant than its queue")
  void dropsTenantMismatch() {
    assertThat(translator.translate(agentCalled(Map.of("CC_TENANT", "globex")))).isEmpty();
    assertThat(translator.stats().malformed()).containsEntry("AgentCalled", 1L);
  }

  @Test
  @DisplayName("forgets a channel's variables when it hangs up")
  void forgetsChannelsOnHangup() {
    varSet("__CC_VAR1", "CRM-4711");
    assertThat(translator.correlationSize()).isEqualTo(1);

    HangupEvent hangup = new HangupEvent(SOURCE);
    hangup.setChannel("PJSIP/pstn-00000000");
    hangup.setUniqueId(CALLER);
    assertThat(translator.translate(hangup)).as("a trunk leg is nobody's phone").isEmpty();

    assertThat(translator.correlationSize()).isZero();
  }

  private void varSet(String name, String value) {
    VarSetEvent event = new VarSetEvent(SOURCE);
    event.setChannel("PJSIP/pstn-00000000");
    event.setUniqueId(CALLER);
    event.setVariable(name);
    event.setValue(value);
    assertThat(translator.translate(event)).isEmpty();
  }

  private static AgentCalledEvent agentCalled(Map<String, String> chanVariables) {
    AgentCalledEvent event = new AgentCalledEvent(SOURCE);
    event.setChannel("PJSIP/pstn-00000000");
    event.setUniqueId(CALLER);
    event.setCallerIdNum("+14155550123");
    event.setCallerIdName("Jane Customer");
    event.setDestChannel("PJSIP/acme-1001-00000001");
    event.setDestUniqueId("1795315375.1");
    event.setQueue("acme-support");
    event.setInterface("PJSIP/acme-1001");
    event.setMemberName("Alice Agent");
    event.setChanVariables(chanVariables);
    return event;
  }

  private static org.asteriskjava.manager.event.ConfbridgeJoinEvent join(
      String room, String channel, Map<String, String> vars) {
    var e = new org.asteriskjava.manager.event.ConfbridgeJoinEvent(SOURCE);
    e.setConference(room);
    e.setChannel(channel);
    e.setUniqueId("1795315557.1");
    e.setLinkedId("1795315557.0");
    e.setChanVariables(new java.util.HashMap<>(vars));
    return e;
  }

  @Test
  @DisplayName("a conference leg is never counted in another tenant's room")
  void conferenceRoomsStayWithinTheirTenant() {
    assertThat(translator.translate(join("globex-room-1", "PJSIP/acme-1001-00000001", Map.of())))
        .as("acme's phone in globex's room")
        .isEmpty();
    assertThat(
            translator.translate(
                join("globex-room-1", "PJSIP/pstn-00000000", Map.of("CC_TENANT", "acme"))))
        .as("a leg of acme's call in globex's room")
        .isEmpty();
    assertThat(translator.stats().malformed()).containsEntry("ConfbridgeJoin", 2L);
    assertThat(translator.translate(join("8000", "PJSIP/pstn-00000000", Map.of())))
        .as("no tenant prefix")
        .isEmpty();
    assertThat(translator.stats().unattributed()).containsEntry("ConfbridgeJoin", 1L);
    assertThat(
            translator.translate(
                join("acme-room-1", "PJSIP/acme-1001-00000001", Map.of("CC_TENANT", "acme"))))
        .hasSize(1);
  }

  @Test
  @DisplayName(
      "a Local half's Dial to a phone that is no agent's is the call's outside leg; CC_TENANT must match")
  void outsideLegOfLocalDial() {
    // the fields of trace 11's DialBegin/DialEnd from Local/1002@acme-agents-00000000;2, dest a
    // trunk leg as in 08
    assertThat(
            translator.translate(
                localDial(new org.asteriskjava.manager.event.DialBeginEvent(SOURCE), "acme")))
        .containsExactly(
            new PbxEvent.OutsideLegDialed(
                "acme", "1795315514.0", "1795315518.4", "90155501234", false));
    org.asteriskjava.manager.event.DialEndEvent end =
        localDial(new org.asteriskjava.manager.event.DialEndEvent(SOURCE), "acme");
    end.setDialStatus("ANSWER");
    assertThat(translator.translate(end))
        .containsExactly(
            new PbxEvent.OutsideLegDialed(
                "acme", "1795315514.0", "1795315518.4", "90155501234", true));
    assertThat(
            translator.translate(
                localDial(new org.asteriskjava.manager.event.DialBeginEvent(SOURCE), "globex")))
        .as("CC_TENANT of another tenant than the Local channel's context")
        .isEmpty();
  }

  private static org.asteriskjava.manager.event.DialBeginEvent localDial(
      org.asteriskjava.manager.event.DialBeginEvent e, String tenant) {
    e.setLinkedId("1795315514.0");
    fill(e, tenant);
    return e;
  }

  private static org.asteriskjava.manager.event.DialEndEvent localDial(
      org.asteriskjava.manager.event.DialEndEvent e, String tenant) {
    e.setLinkedId("1795315514.0");
    fill(e, tenant);
    return e;
  }

  private static void fill(org.asteriskjava.manager.event.DialEvent e, String tenant) {
    e.setChannel("Local/90155501234@acme-agents-00000000;2");
    e.setUniqueId("1795315518.3");
    e.setExten("90155501234");
    e.setDestChannel("PJSIP/pstn-00000002");
    e.setDestUniqueId("1795315518.4");
    e.setChanVariables(
        new java.util.HashMap<>(Map.of("CC_TENANT", tenant, "CC_CALLID", "1795315514.0")));
  }
}
