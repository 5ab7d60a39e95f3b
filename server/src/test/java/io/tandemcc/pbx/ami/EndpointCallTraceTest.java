package io.tandemcc.pbx.ami;

import static io.tandemcc.pbx.MemberStatus.FREE;
import static io.tandemcc.pbx.MemberStatus.IN_USE;
import static io.tandemcc.pbx.MemberStatus.RINGING;
import static io.tandemcc.pbx.ami.TraceFixtures.ACME;
import static io.tandemcc.pbx.ami.TraceFixtures.ALICE;
import static io.tandemcc.pbx.ami.TraceFixtures.JANE;
import static io.tandemcc.pbx.ami.TraceFixtures.JANE_NUMBER;
import static io.tandemcc.pbx.ami.TraceFixtures.SUPPORT;
import static io.tandemcc.pbx.ami.TraceFixtures.alice;
import static io.tandemcc.pbx.ami.TraceFixtures.status;
import static org.assertj.core.api.Assertions.assertThat;

import io.tandemcc.pbx.PbxEvent.AgentChannelHungUp;
import io.tandemcc.pbx.PbxEvent.DirectCallAnswered;
import io.tandemcc.pbx.PbxEvent.DirectCallOffered;
import io.tandemcc.pbx.PbxEvent.OutboundCallAnswered;
import io.tandemcc.pbx.PbxEvent.OutboundCallStarted;
import io.tandemcc.pbx.PbxEvent.QueueCallOffered;
import io.tandemcc.pbx.PbxEvent.QueueMemberAdded;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Direct and outbound calls of an agent phone replayed from real Asterisk traces")
class EndpointCallTraceTest extends AmiLinkTestSupport {

  private void checkInAliceOn(String trace) throws Exception {
    linkUpOn(AmiScript.fromTrace(trace, "QueueAdd"));
    await(link.commands().queueAdd(SUPPORT, ALICE, "Alice Agent", false, null));
    drain();
  }

  @Test
  @DisplayName(
      "07: a customer dialling the agent's DID directly rings, is answered and hangs up; no queue offer")
  void directCallToTheAgent() throws Exception {
    checkInAliceOn("07-direct-call-to-agent");
    String call = "1795315433.0";
    String aliceLeg = "1795315433.1";

    assertThat(events.tenantEvents())
        .containsExactly(
            new QueueMemberAdded(ACME, alice(FREE, false, 0)),
            new DirectCallOffered(ACME, call, ALICE, aliceLeg, JANE_NUMBER, JANE),
            status(alice(RINGING, false, 0)),
            new DirectCallAnswered(ACME, call, ALICE, aliceLeg),
            status(alice(IN_USE, false, 0)),
            new AgentChannelHungUp(ACME, call, ALICE, aliceLeg, 16, "Normal Clearing"),
            status(alice(FREE, false, 0)));
    assertThat(events.of(QueueCallOffered.class)).isEmpty();
    assertNoMalformedEvents();
  }

  @Test
  @DisplayName("08: the agent's phone dials out over the trunk; the trunk leg stays invisible")
  void outboundCallOfTheAgent() throws Exception {
    checkInAliceOn("08-agent-outbound-call");
    String call = "1795315446.0";
    String aliceLeg = "1795315446.0";

    assertThat(events.tenantEvents())
        .containsExactly(
            new QueueMemberAdded(ACME, alice(FREE, false, 0)),
            new OutboundCallStarted(ACME, call, ALICE, aliceLeg, "90155501234"),
            status(alice(IN_USE, false, 0)),
            new OutboundCallAnswered(ACME, call, ALICE, aliceLeg),
            new AgentChannelHungUp(ACME, call, ALICE, aliceLeg, 16, "Normal Clearing"),
            status(alice(FREE, false, 0)));
    assertNoMalformedEvents();
  }
}
