package io.tandemcc.call;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandemcc.agent.CallKind;
import io.tandemcc.call.ConferenceCommand.Action;
import io.tandemcc.pbx.PbxLinks;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The refusals ConferenceControl decides from the call alone, before any lookup or PBX action. */
@DisplayName("Conference requests refused from the call's own state")
class ConferenceControlTest {
  private static final long TENANT = 1;
  private static final long ALICE = 10;
  private static final long BOB = 11;
  private final LiveCalls live = new LiveCalls();
  private final Conferences conferences =
      new Conferences(null, null, live, null, null, null, null, null, Clock.systemUTC());
  private final ConferenceControl control =
      new ConferenceControl(live, conferences, null, null, new PbxLinks(), null, null);

  private LiveCall connectedCall() {
    LiveCall c = new LiveCall(TENANT, "1795315557.0", CallKind.QUEUE, Instant.now());
    c.agents.add(ALICE);
    c.legs.put(ALICE, new LiveCall.Leg("1795315557.1", PartyRole.PRIMARY));
    c.answeredBy = ALICE;
    c.everAnswered = true;
    live.add(c);
    return c;
  }

  private ConferenceReply add(long agentId, Long target, String number) {
    return control
        .handle(new ConferenceCommand(TENANT, "acme", agentId, Action.ADD, target, number, null))
        .result();
  }

  @Test
  void anAgentOnNoCallIsNotOnCall() {
    assertThat(add(ALICE, BOB, null).problemCode()).isEqualTo("not-on-call");
  }

  @Test
  void aConsultedOrRingingAgentCannotStartAConference() {
    LiveCall c = connectedCall();
    c.agents.add(BOB);
    c.legs.put(BOB, new LiveCall.Leg("1795315560.4", PartyRole.CONSULT));
    assertThat(add(BOB, null, "+14155550199").problemCode()).isEqualTo("call-not-connected");
  }

  @Test
  void addingWhileConsultingIsRefused() {
    LiveCall c = connectedCall();
    c.consultTarget = BOB;
    assertThat(add(ALICE, null, "+14155550199").problemCode()).isEqualTo("consult-in-progress");
  }

  @Test
  void aNumberMustBeDialable() {
    connectedCall();
    ConferenceReply r = add(ALICE, null, "12;Dial(PJSIP/x)");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.problemCode()).isEqualTo("invalid-request");
  }

  @Test
  void withoutAPbxLinkTheRequestIsUnavailable() {
    connectedCall();
    // a number off the trunk: an outside number would first pass the tenant's rules
    // (OutboundCallControlOverAmiTest)
    ConferenceReply r = add(ALICE, null, "1002");
    assertThat(r.status()).isEqualTo(503);
    assertThat(r.problemCode()).isEqualTo("pbx-unavailable");
  }

  @Test
  void aConferenceOfThirtyPartiesIsFull() {
    LiveCall c = connectedCall();
    Conference conf = conferences.open(c, "acme");
    for (int i = 0; i < Conference.MAX_PARTIES; i++) {
      Conference.Party p = conf.add("number", null, "n" + i, "+1415555" + i);
      p.channelId = "chan-" + i;
    }
    conf.parties.values().iterator().next().channelId =
        null; // alice's own party below is in the room
    Conference.Party alice = conf.parties.values().iterator().next();
    conf.parties.remove(alice.partyId);
    Conference.Party me = conf.add("agent", ALICE, "Alice Agent", null);
    me.channelId = "1795315557.1";
    assertThat(conf.parties).hasSize(Conference.MAX_PARTIES);

    ConferenceReply r = add(ALICE, null, "+14155550199");
    assertThat(r.status()).isEqualTo(409);
    assertThat(r.problemCode()).isEqualTo("conference-full");
  }

  @Test
  void onlyPartiesInTheRoomMayDropOrEnd() {
    LiveCall c = connectedCall();
    Conference conf = conferences.open(c, "acme");
    conf.add("agent", ALICE, "Alice Agent", null); // rung, not in the room yet
    ConferenceReply r =
        control
            .handle(new ConferenceCommand(TENANT, "acme", ALICE, Action.END, null, null, null))
            .result();
    assertThat(r.problemCode()).isEqualTo("call-not-connected");
  }
}
