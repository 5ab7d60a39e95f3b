package io.tandemcc.sip;

import static org.assertj.core.api.Assertions.assertThat;

import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.parser.StringMsgParser;
import io.tandemcc.sip.Verdict.Answer;
import io.tandemcc.sip.Verdict.Drop;
import io.tandemcc.sip.Verdict.Forward;
import io.tandemcc.support.SipTraces;
import io.tandemcc.support.SipTraces.Frame;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("The SIP guard, on the recorded JsSIP ↔ Asterisk traces")
class SipGuardTest {
  private static final SipIdentity ALICE =
      new SipIdentity(1, "acme", 10, 100L, 1000, "1001", "Alice Agent");
  private final SipGuard guard = new SipGuard(ALICE);

  private static final String REGISTER = SipTraces.frame("01", 0);
  private static final String INVITE_600 = SipTraces.frame("03", 0);
  private static final String BYE_QUEUE_CALL = SipTraces.frame("06", 0);
  private static final String ASTERISK_INVITE = SipTraces.frame("04", 0);

  private Verdict fromBrowser(String text) {
    Verdict v = guard.fromBrowser(text.getBytes(StandardCharsets.UTF_8));
    if (v instanceof Forward f) {
      guard.accepted(f.message());
    }
    return v;
  }

  private static SIPResponse parse(String response) throws Exception {
    return (SIPResponse)
        new StringMsgParser()
            .parseSIPMessage(response.getBytes(StandardCharsets.UTF_8), true, false, null);
  }

  private static void assertAnswered(Verdict v, int status, String request) throws Exception {
    assertThat(v).isInstanceOf(Answer.class);
    Answer a = (Answer) v;
    assertThat(a.status()).isEqualTo(status);
    SIPResponse r = parse(a.response());
    assertThat(r.getStatusCode()).isEqualTo(status);
    assertThat(r.getTo().getTag()).isNotBlank();
    // Via, From, Call-ID and CSeq are those of the request, so JsSIP matches the answer to its
    // transaction
    String via = header(request, "Via");
    assertThat(a.response()).contains(via.substring(via.indexOf("SIP/2.0")));
    assertThat(r.getCallId().getCallId()).isEqualTo(header(request, "Call-ID"));
    assertThat(a.response()).contains("CSeq: " + header(request, "CSeq"));
    assertThat(r.getFrom().getTag())
        .isEqualTo(header(request, "From").split("tag=")[1].split(";")[0]);
  }

  private static String header(String message, String name) {
    return message
        .lines()
        .filter(l -> l.startsWith(name + ": "))
        .findFirst()
        .orElseThrow()
        .substring(name.length() + 2);
  }

  @Nested
  @DisplayName("identity")
  class Identity {
    @Test
    @DisplayName("the agent's own REGISTER passes unchanged")
    void ownRegisterPasses() {
      assertThat(fromBrowser(REGISTER)).isInstanceOf(Forward.class);
    }

    @Test
    @DisplayName("a REGISTER From and To another extension of the tenant is refused with 403")
    void otherExtension() throws Exception {
      String bob = REGISTER.replace("acme-1001", "acme-1002");
      assertAnswered(fromBrowser(bob), 403, bob);
    }

    @Test
    @DisplayName("a REGISTER as the same extension of another tenant is refused with 403")
    void otherTenant() throws Exception {
      String globex = REGISTER.replace("acme-1001", "globex-1001");
      assertAnswered(fromBrowser(globex), 403, globex);
    }

    @Test
    @DisplayName("a REGISTER From itself but To another endpoint is refused with 403")
    void registerOfAnotherAor() throws Exception {
      String other = REGISTER.replace("To: <sip:acme-1001@", "To: <sip:acme-1002@");
      assertAnswered(fromBrowser(other), 403, other);
    }

    @Test
    @DisplayName("a new INVITE From another extension is refused with 403")
    void inviteFromSomeoneElse() throws Exception {
      String invite = INVITE_600.replace("<sip:acme-1001@", "<sip:acme-1003@");
      assertAnswered(fromBrowser(invite), 403, invite);
    }

    @Test
    @DisplayName("a digest username of another endpoint is refused with 403")
    void foreignDigestUser() throws Exception {
      String withAuth =
          SipTraces.frame("01", 2).replace("username=\"acme-1001\"", "username=\"acme-1002\"");
      assertAnswered(fromBrowser(withAuth), 403, withAuth);
    }

    @Test
    @DisplayName(
        "P-Asserted-Identity, P-Preferred-Identity and Remote-Party-ID are refused with 403")
    void identityHeaders() throws Exception {
      for (String header :
          List.of(
              "P-Asserted-Identity: <sip:+14155550100@127.0.0.1>",
              "P-Preferred-Identity: <sip:acme-1002@127.0.0.1>",
              "Remote-Party-ID: <sip:acme-1002@127.0.0.1>;party=calling")) {
        String invite =
            INVITE_600.replace("Max-Forwards: 69\r\n", "Max-Forwards: 69\r\n" + header + "\r\n");
        assertAnswered(fromBrowser(invite), 403, invite);
      }
    }
  }

  @Nested
  @DisplayName("contact")
  class Contact {
    @Test
    @DisplayName("a later REGISTER with a foreign Contact is refused with 403")
    void foreignContact() throws Exception {
      assertThat(fromBrowser(REGISTER)).isInstanceOf(Forward.class);
      String hijack =
          REGISTER.replace(
              "<sip:o09i6sgn@1umrn7ffmnmv.invalid;transport=ws>",
              "<sip:o09i6sgn@attacker.example;transport=ws>");
      assertAnswered(fromBrowser(hijack), 403, hijack);
    }

    @Test
    @DisplayName("a first REGISTER whose Contact is not a WebSocket contact is refused with 403")
    void contactOverUdp() throws Exception {
      String udp = REGISTER.replace(";transport=ws>", ";transport=udp>");
      assertAnswered(fromBrowser(udp), 403, udp);
    }

    @Test
    @DisplayName("the INVITE's Contact with ;ob is the same contact as the REGISTER's")
    void inviteContactMatches() {
      assertThat(fromBrowser(REGISTER)).isInstanceOf(Forward.class);
      assertThat(fromBrowser(INVITE_600))
          .isInstanceOfSatisfying(
              Forward.class, f -> assertThat(f.dial().target()).isEqualTo("600"));
    }

    @Test
    @DisplayName("Contact * is accepted only to unregister")
    void wildcard() throws Exception {
      String all = SipTraces.frame("09", 0).replaceAll("Contact: [^\\r]*", "Contact: *");
      assertThat(fromBrowser(all)).isInstanceOf(Forward.class);
      String notUnregister = REGISTER.replaceAll("Contact: [^\\r]*", "Contact: *");
      assertAnswered(fromBrowser(notUnregister), 400, notUnregister);
    }
  }

  @Nested
  @DisplayName("dialogs")
  class Dialogs {
    @Test
    @DisplayName("an in-dialog request for a Call-ID this connection never saw is refused with 403")
    void unknownDialog() throws Exception {
      assertAnswered(fromBrowser(BYE_QUEUE_CALL), 403, BYE_QUEUE_CALL);
    }

    @Test
    @DisplayName(
        "an in-dialog request in a call Asterisk offered on this connection and the browser answered passes")
    void knownDialog() {
      assertThat(guard.fromUpstream(ASTERISK_INVITE.getBytes(StandardCharsets.UTF_8)))
          .isInstanceOf(Forward.class);
      assertThat(fromBrowser(SipTraces.frame("04", 2)))
          .as("180 Ringing with the browser's tag")
          .isInstanceOf(Forward.class);
      assertThat(fromBrowser(BYE_QUEUE_CALL)).isInstanceOf(Forward.class);
    }

    @Test
    @DisplayName("a response to a request this connection never carried is dropped")
    void unknownResponse() {
      assertThat(fromBrowser(SipTraces.frame("02", 1))).isInstanceOf(Drop.class);
    }

    @Test
    @DisplayName("an ACK for an unknown dialog is dropped, never answered")
    void ackIsNeverAnswered() {
      assertThat(fromBrowser(SipTraces.frame("03", 2))).isInstanceOf(Drop.class);
    }

    @Test
    @DisplayName("an INVITE to something that is not a dial string is refused with 403")
    void notADialString() throws Exception {
      String invite = INVITE_600.replace("INVITE sip:600@", "INVITE sip:globex-1002@");
      assertAnswered(fromBrowser(invite), 403, invite);
    }
  }

  @Nested
  @DisplayName("malformed input")
  class Malformed {
    @Test
    @DisplayName("garbage is dropped")
    void garbage() {
      assertThat(fromBrowser("hello, is it me you're looking for?\r\n\r\n"))
          .isInstanceOf(Drop.class);
      assertThat(fromBrowser("")).isInstanceOf(Drop.class);
    }

    @Test
    @DisplayName("a request cut short inside its body is answered 400")
    void truncatedBody() throws Exception {
      String cut = INVITE_600.substring(0, INVITE_600.length() - 200);
      assertAnswered(fromBrowser(cut), 400, cut);
    }

    @Test
    @DisplayName("a request cut short inside its headers, before Call-ID, is dropped")
    void truncatedHeaders() {
      assertThat(fromBrowser(REGISTER.substring(0, REGISTER.indexOf("Call-ID"))))
          .isInstanceOf(Drop.class);
    }

    @Test
    @DisplayName("a request with an unparsable header is answered 400")
    void badHeader() throws Exception {
      String bad = REGISTER.replace("Expires: 600", "Expires: soon");
      assertAnswered(fromBrowser(bad), 400, bad);
    }

    @Test
    @DisplayName("a frame over 64 KiB is dropped unread")
    void oversized() {
      String big =
          INVITE_600.replace("Content-Length: 2151", "Content-Length: " + (2151 + 70_000))
              + "a=x-padding:"
              + "x".repeat(69_984)
              + "\r\n";
      assertThat(fromBrowser(big))
          .isInstanceOfSatisfying(Drop.class, d -> assertThat(d.why()).contains("oversized"));
    }

    @Test
    @DisplayName("a malformed frame from Asterisk is dropped")
    void malformedUpstream() {
      assertThat(
              guard.fromUpstream(
                  "SIP/2.0 200 OK\r\nVia: nonsense\r\n\r\n".getBytes(StandardCharsets.UTF_8)))
          .isInstanceOf(Drop.class);
    }
  }

  @Nested
  @DisplayName("keep-alives (RFC 5626, trace 08)")
  class KeepAlives {
    @Test
    @DisplayName("Asterisk's CRLF CRLF ping and the browser's CRLF pong pass through")
    void asteriskPing() {
      List<Frame> frames = SipTraces.load("08");
      assertThat(guard.fromUpstream(frames.get(0).bytes()))
          .isInstanceOf(Verdict.PassKeepAlive.class);
      assertThat(fromBrowser(frames.get(1).text())).isInstanceOf(Verdict.PassKeepAlive.class);
    }

    @Test
    @DisplayName("a CRLF CRLF ping from the browser is answered by the proxy")
    void browserPing() {
      assertThat(fromBrowser("\r\n\r\n")).isInstanceOf(Verdict.AnswerPing.class);
    }
  }

  @Nested
  @DisplayName("the full session (trace 10)")
  class FullSession {
    @Test
    @DisplayName(
        "every frame in both directions is forwarded, the two new INVITEs after a call-policy check")
    void everythingPasses() {
      int dials = 0;
      for (Frame f : SipTraces.load("10")) {
        Verdict v = f.toAsterisk() ? fromBrowser(f.text()) : guard.fromUpstream(f.bytes());
        assertThat(v).as(f.text()).isInstanceOfAny(Forward.class, Verdict.PassKeepAlive.class);
        if (v instanceof Forward fw && fw.dial() != null) {
          assertThat(fw.dial().target()).isEqualTo("600");
          dials++;
        }
      }
      assertThat(dials).isEqualTo(2);
    }

    @Test
    @DisplayName(
        "flooding: a request over the rate is answered 503 with Retry-After, a response dropped")
    void throttled() throws Exception {
      Verdict v = guard.throttled(REGISTER.getBytes(StandardCharsets.UTF_8), 2);
      assertAnswered(v, 503, REGISTER);
      assertThat(parse(((Answer) v).response()).getHeader("Retry-After").toString()).contains("2");
      assertThat(guard.throttled(SipTraces.frame("02", 1).getBytes(StandardCharsets.UTF_8), 2))
          .isInstanceOf(Drop.class);
    }
  }
}
