package io.tandemcc.sip;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandemcc.sip.Verdict.Answer;
import io.tandemcc.sip.Verdict.Drop;
import io.tandemcc.sip.Verdict.Forward;
import io.tandemcc.support.SipTraces;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The attacks of issue 13 on the guard: each was forwarded before the fix. */
@DisplayName("The SIP guard refuses the issue 13 attacks")
class SipGuardAttackTest {
  private static final SipIdentity ALICE =
      new SipIdentity(1, "acme", 10, 100L, 1000, "1001", "Alice Agent");
  private final SipGuard guard = new SipGuard(ALICE);

  private Verdict fromBrowser(String text) {
    Verdict v = guard.fromBrowser(text.getBytes(StandardCharsets.UTF_8));
    if (v instanceof Forward f) {
      guard.accepted(f.message());
    }
    return v;
  }

  private Verdict fromAsterisk(String text) {
    return guard.fromUpstream(text.getBytes(StandardCharsets.UTF_8));
  }

  private static void refused(Verdict v, int status) {
    assertThat(v)
        .isInstanceOfSatisfying(
            Answer.class,
            a -> {
              assertThat(a.status()).as(a.why()).isEqualTo(status);
              assertThat(a.response()).startsWith("SIP/2.0 " + status + " ");
            });
  }

  @Nested
  @DisplayName("to-tag bypass")
  class ToTag {
    @Test
    @DisplayName(
        "a REGISTER as a colleague with a Call-ID first used by an OPTIONS and a made-up To tag: 403")
    void registerAsColleague() {
      assertThat(fromBrowser(SipAttacks.ownOptions())).isInstanceOf(Forward.class);
      refused(fromBrowser(SipAttacks.registerAsWithMadeUpToTag(SipAttacks.COLLEAGUE)), 403);
      refused(fromBrowser(SipAttacks.registerAsWithMadeUpToTag(SipAttacks.OTHER_TENANT)), 403);
    }

    @Test
    @DisplayName(
        "the agent's own REGISTER with a To tag is refused too: REGISTER never belongs to a dialog")
    void ownRegisterWithToTag() {
      assertThat(fromBrowser(SipAttacks.ownOptions())).isInstanceOf(Forward.class);
      refused(fromBrowser(SipAttacks.registerAsWithMadeUpToTag(SipAttacks.OWN)), 403);
    }

    @Test
    @DisplayName(
        "an INVITE to a premium number with a made-up To tag does not skip the call policy: 403")
    void inviteWithMadeUpToTag() {
      assertThat(fromBrowser(SipAttacks.ownOptions())).isInstanceOf(Forward.class);
      refused(fromBrowser(SipAttacks.inviteWithMadeUpToTag("00900123456")), 403);
    }

    @Test
    @DisplayName("MESSAGE, PUBLISH and OPTIONS with a To tag are refused, even in a real dialog")
    void methodsThatNeverHaveAToTag() {
      assertThat(fromAsterisk(SipTraces.frame("04", 0))).isInstanceOf(Forward.class);
      assertThat(fromBrowser(SipTraces.frame("04", 2))).isInstanceOf(Forward.class);
      String bye = SipTraces.frame("06", 0);
      for (String method : new String[] {"MESSAGE", "PUBLISH", "OPTIONS"}) {
        refused(
            fromBrowser(
                bye.replace("BYE sip:", method + " sip:").replace("6507 BYE", "6507 " + method)),
            403);
      }
    }

    @Test
    @DisplayName(
        "a BYE with the call's Call-ID but tags of no dialog on this connection is refused")
    void wrongTags() {
      assertThat(fromAsterisk(SipTraces.frame("04", 0))).isInstanceOf(Forward.class);
      assertThat(fromBrowser(SipTraces.frame("04", 2))).isInstanceOf(Forward.class);
      String bye = SipTraces.frame("06", 0);
      refused(
          fromBrowser(bye.replace("tag=9e2a5561-a268-474b-8595-6ef82a54bfa3", "tag=madeup")), 403);
      refused(fromBrowser(bye.replace("tag=8n4eanv3t1", "tag=madeup")), 403);
      // the real dialog still works
      assertThat(fromBrowser(bye)).isInstanceOf(Forward.class);
    }

    @Test
    @DisplayName(
        "a Call-ID only offered by Asterisk is not a dialog before the browser answered it")
    void offerIsNotADialog() {
      assertThat(fromAsterisk(SipTraces.frame("04", 0))).isInstanceOf(Forward.class);
      refused(fromBrowser(SipTraces.frame("06", 0)), 403);
    }

    @Test
    @DisplayName(
        "an in-dialog request From another endpoint is refused, even in the agent's own dialog")
    void inDialogFromSomeoneElse() {
      assertThat(fromAsterisk(SipTraces.frame("04", 0))).isInstanceOf(Forward.class);
      assertThat(fromBrowser(SipTraces.frame("04", 2))).isInstanceOf(Forward.class);
      String bye =
          SipTraces.frame("06", 0).replace("<sip:o09i6sgn@127.0.0.1>", "<sip:acme-1002@127.0.0.1>");
      refused(fromBrowser(bye), 403);
    }
  }

  @Test
  @DisplayName("REFER from the browser is refused with 403: transfers go through the REST API")
  void refer() {
    assertThat(fromAsterisk(SipTraces.frame("04", 0))).isInstanceOf(Forward.class);
    assertThat(fromBrowser(SipTraces.frame("04", 2))).isInstanceOf(Forward.class);
    String refer =
        SipTraces.frame("06", 0)
            .replace("BYE sip:", "REFER sip:")
            .replace("6507 BYE", "6507 REFER")
            .replace(
                "Content-Length: 0", "Refer-To: <sip:00900123456@127.0.0.1>\r\nContent-Length: 0");
    refused(fromBrowser(refer), 403);
  }

  @Nested
  @DisplayName("header smuggling")
  class Smuggling {
    @Test
    @DisplayName("two Content-Length headers hiding a REGISTER in the body: 400")
    void twoContentLengths() {
      refused(
          fromBrowser(SipAttacks.registerHiddenBehindTwoContentLengths(SipAttacks.COLLEAGUE)), 400);
    }

    @Test
    @DisplayName(
        "a repeated From, To, Call-ID or CSeq, in long or compact form, is refused with 400")
    void repeatedSingletons() {
      String register = SipTraces.frame("01", 0);
      String[] extra = {
        "From: <sip:acme-1002@127.0.0.1>;tag=x",
        "f: <sip:acme-1002@127.0.0.1>;tag=x",
        "t: <sip:acme-1002@127.0.0.1>",
        "To: <sip:acme-1002@127.0.0.1>",
        "i: other-call-id",
        "CSeq: 7 REGISTER",
        "l: 0",
        "Max-Forwards: 70",
        "Expires: 0",
        "c: text/plain\r\nContent-Type: text/plain",
        "Call-ID: other"
      };
      for (String header : extra) {
        Verdict v = fromBrowser(register.replace("User-Agent:", header + "\r\nUser-Agent:"));
        assertThat(v).as(header).isInstanceOf(Answer.class);
        refused(v, 400);
      }
    }

    @Test
    @DisplayName(
        "a frame without Content-Length but with a body is refused with 400 (pjsip's stream transport)")
    void missingContentLength() {
      String options = SipAttacks.ownOptions().replace("Content-Length: 0\r\n", "");
      refused(
          fromBrowser(options + SipAttacks.registerAsWithMadeUpToTag(SipAttacks.COLLEAGUE)), 400);
    }

    @Test
    @DisplayName("a folded header line is refused with 400")
    void folded() {
      String register =
          SipTraces.frame("01", 0)
              .replace("To: <sip:acme-1001@127.0.0.1>", "To: <sip:acme-1001@127.0.0.1>\r\n ;tag=x");
      refused(fromBrowser(register), 400);
    }

    @Test
    @DisplayName("a bare LF inside the header block is refused with 400")
    void bareLineFeed() {
      String register =
          SipTraces.frame("01", 0)
              .replace(
                  "User-Agent: JsSIP 3.13.8",
                  "User-Agent: JsSIP\nFrom: <sip:acme-1002@127.0.0.1>;tag=x");
      assertThat(fromBrowser(register)).isInstanceOfAny(Answer.class, Drop.class);
      assertThat(fromBrowser(register)).isNotInstanceOf(Forward.class);
    }
  }

  @Test
  @DisplayName(
      "Asterisk's Originate INVITE with Call-Info ';answer-after=0' (trace 11) is forwarded, not dropped")
  void originateWithUnparsableCallInfo() {
    assertThat(fromAsterisk(SipTraces.frame("11", 0))).isInstanceOf(Forward.class);
  }

  @Test
  @DisplayName(
      "the unparsable header of trace 11 is named as text in the verdict's note, not as a char array")
  void unparsableHeaderIsNamedReadably() {
    assertThat(fromAsterisk(SipTraces.frame("11", 0)))
        .isInstanceOfSatisfying(
            Forward.class,
            f -> {
              assertThat(f.note()).contains("Call-Info: ;answer-after=0");
              assertThat(f.note()).doesNotContain("[C@");
            });
  }

  @Test
  @DisplayName(
      "a message from Asterisk whose needed header is unreadable is dropped with a readable reason")
  void unreadableNeededHeaderIsDroppedReadably() {
    String invite =
        SipTraces.frame("11", 0)
            .replace("Call-Info: ;answer-after=0\r\n", "")
            .replace("CSeq: 22592 INVITE", "CSeq: twenty INVITE");
    assertThat(fromAsterisk(invite))
        .isInstanceOfSatisfying(
            Drop.class,
            d -> {
              assertThat(d.why()).startsWith("malformed, ");
              assertThat(d.why()).doesNotContain("[C@");
            });
  }
}
