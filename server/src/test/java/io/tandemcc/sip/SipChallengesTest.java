package io.tandemcc.sip;

import static org.assertj.core.api.Assertions.assertThat;

import gov.nist.javax.sip.message.SIPMessage;
import io.tandemcc.pbx.UpstreamCredentials;
import io.tandemcc.sip.SipChallenges.Relay;
import io.tandemcc.support.SipTraces;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * {@link SipChallenges} on the recorded JsSIP ↔ Asterisk exchanges of traces 01 (REGISTER) and 03
 * (INVITE), whose challenges are moved to the proxy's realm. Every digest is recomputed here from
 * the RFC 7616 formula, with the password derived here from the secret, not by the code under test.
 */
@DisplayName("The proxy answers Asterisk's digest challenges with the agent's upstream password")
class SipChallengesTest {
  private static final String SECRET = "test-upstream-secret-0123456789-abcdef";
  private static final SipIdentity ALICE =
      new SipIdentity(1, "acme", 1, 1L, 1, "1001", "Alice Agent");
  private final SipChallenges challenges =
      new SipChallenges(ALICE, new UpstreamCredentials(SECRET));

  private static SIPMessage parse(String text) {
    SipParser.Parsed parsed = SipParser.parse(text.getBytes(StandardCharsets.UTF_8));
    assertThat(parsed).as(text).isInstanceOf(SipParser.Message.class);
    return ((SipParser.Message) parsed).message();
  }

  private static String frame(String trace, int index) {
    return SipTraces.frame(trace, index);
  }

  /** A recorded challenge, in the realm of the generated auth objects. */
  private static String ours(String challenge) {
    return challenge.replace("realm=\"asterisk\"", "realm=\"" + UpstreamCredentials.REALM + "\"");
  }

  private Relay fromBrowser(String text) {
    return challenges.fromBrowser(parse(text));
  }

  private Relay fromUpstream(String text) {
    return challenges.fromUpstream(parse(text));
  }

  private static String header(String message, String name) {
    return message
        .lines()
        .filter(l -> l.regionMatches(true, 0, name + ":", 0, name.length() + 1))
        .map(l -> l.substring(name.length() + 1).trim())
        .findFirst()
        .orElse(null);
  }

  private static String branch(String message) {
    Matcher m = Pattern.compile(";branch=([^;\\s]+)").matcher(header(message, "Via"));
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  private static String withBranch(String message, String from, String to) {
    assertThat(message).contains("branch=" + from);
    return message.replace("branch=" + from, "branch=" + to);
  }

  /** The parameters of a Digest challenge or answer (also used by SipUpstreamAuthTest). */
  static Map<String, String> digestParameters(String value) {
    assertThat(value).startsWith("Digest ");
    Map<String, String> params = new HashMap<>();
    Matcher m = Pattern.compile("([a-z]+)=(?:\"([^\"]*)\"|([^,\\s]+))").matcher(value.substring(7));
    while (m.find()) {
      params.put(m.group(1), m.group(2) != null ? m.group(2) : m.group(3));
    }
    return params;
  }

  static String hex(String algorithm, String text) throws Exception {
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  /** base64url(HMAC-SHA256(secret, endpoint)), computed here. */
  private static String derivedPassword(String endpoint) throws Exception {
    return derivedPassword(SECRET, endpoint);
  }

  static String derivedPassword(String secret, String endpoint) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(mac.doFinal(endpoint.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * Asserts that the Authorization of {@code request} answers {@code challenge} with the derived
   * password.
   */
  private static Map<String, String> assertVerifies(
      String request,
      String headerName,
      String challenge,
      String method,
      String uri,
      String algorithm)
      throws Exception {
    Map<String, String> c = digestParameters(challenge);
    Map<String, String> a = digestParameters(header(request, headerName));
    assertThat(a)
        .containsEntry("username", "acme-1001")
        .containsEntry("realm", c.get("realm"))
        .containsEntry("nonce", c.get("nonce"))
        .containsEntry("uri", uri);
    if (c.containsKey("opaque")) {
      assertThat(a).containsEntry("opaque", c.get("opaque"));
    }
    String ha1 = hex(algorithm, "acme-1001:" + c.get("realm") + ":" + derivedPassword("acme-1001"));
    String ha2 = hex(algorithm, method + ":" + uri);
    String expected =
        c.containsKey("qop")
            ? hex(
                algorithm,
                ha1
                    + ":"
                    + c.get("nonce")
                    + ":"
                    + a.get("nc")
                    + ":"
                    + a.get("cnonce")
                    + ":auth:"
                    + ha2)
            : hex(algorithm, ha1 + ":" + c.get("nonce") + ":" + ha2);
    assertThat(a.get("response")).isEqualTo(expected);
    return a;
  }

  @Test
  @DisplayName("the password is base64url(HMAC-SHA256(secret, endpoint)), and differs per endpoint")
  void derivation() throws Exception {
    UpstreamCredentials credentials = new UpstreamCredentials(SECRET);
    assertThat(credentials.password("acme-1001"))
        .isEqualTo(derivedPassword("acme-1001"))
        .hasSize(43)
        .isNotEqualTo(credentials.password("acme-1002"));
    assertThat(credentials.toString()).doesNotContain(SECRET);
  }

  @Test
  @DisplayName("the digest matches RFC 2617's MD5 and RFC 7616's SHA-256 examples")
  void rfcVectors() {
    assertThat(
            SipDigest.response(
                "MD5",
                "Mufasa",
                "testrealm@host.com",
                "Circle Of Life",
                "GET",
                "/dir/index.html",
                "dcd98b7102dd2f0e8b11d0f600bfb0c093",
                "auth",
                "00000001",
                "0a4f113b"))
        .isEqualTo("6629fae49393a05397450978507c4ef1");
    assertThat(
            SipDigest.response(
                "SHA-256",
                "Mufasa",
                "http-auth@example.org",
                "Circle of Life",
                "GET",
                "/dir/index.html",
                "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v",
                "auth",
                "00000001",
                "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ"))
        .isEqualTo("753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1");
  }

  @Nested
  @DisplayName("REGISTER (trace 01)")
  class Register {
    @Test
    @DisplayName(
        "the 401 is answered with CSeq + 1 and a new branch; the browser sees only the 200 with its CSeq")
    void challengeAnswered() throws Exception {
      String register = frame("01", 0);
      assertThat(fromBrowser(register)).isEqualTo(Relay.ORIGINAL);

      String challenge = ours(frame("01", 1));
      Relay answered = fromUpstream(challenge);
      assertThat(answered.original()).isFalse();
      assertThat(answered.toBrowser()).as("the challenge never reaches the browser").isNull();
      assertThat(answered.toUpstream()).hasSize(1);
      String resent = answered.toUpstream().get(0);
      assertThat(resent).startsWith("REGISTER sip:127.0.0.1 SIP/2.0\r\n");
      assertThat(header(resent, "CSeq")).isEqualTo("2 REGISTER");
      assertThat(header(resent, "Call-ID")).isEqualTo("eplhc7fouj714npnp73rld");
      assertThat(branch(resent)).startsWith("z9hG4bK").isNotEqualTo("z9hG4bK8773012");
      Map<String, String> auth =
          assertVerifies(
              resent,
              "Authorization",
              header(challenge, "WWW-Authenticate"),
              "REGISTER",
              "sip:127.0.0.1",
              "MD5");
      assertThat(auth)
          .containsEntry("qop", "auth")
          .containsEntry("nc", "00000001")
          .containsKey("cnonce");
      assertThat(header(resent, "Contact")).isEqualTo(header(register, "Contact"));

      Relay ok = fromUpstream(withBranch(frame("01", 3), "z9hG4bK1883428", branch(resent)));
      assertThat(ok.toUpstream()).isEmpty();
      assertThat(ok.toBrowser()).startsWith("SIP/2.0 200 OK\r\n");
      assertThat(header(ok.toBrowser(), "CSeq")).isEqualTo("1 REGISTER");
      assertThat(branch(ok.toBrowser())).isEqualTo("z9hG4bK8773012");
    }

    @Test
    @DisplayName(
        "a refresh in the same Call-ID is shifted by the offset, and its own challenge grows it")
    void refresh() throws Exception {
      fromBrowser(frame("01", 0));
      String resent = fromUpstream(ours(frame("01", 1))).toUpstream().get(0);
      fromUpstream(withBranch(frame("01", 3), "z9hG4bK1883428", branch(resent)));

      // JsSIP's refresh: same Call-ID, its next CSeq (2), a new branch
      String refresh =
          frame("01", 0)
              .replace("CSeq: 1 REGISTER", "CSeq: 2 REGISTER")
              .replace("z9hG4bK8773012", "z9hG4bK5550001");
      Relay shifted = fromBrowser(refresh);
      assertThat(shifted.toUpstream()).hasSize(1);
      String upstream = shifted.toUpstream().get(0);
      assertThat(header(upstream, "CSeq")).isEqualTo("3 REGISTER");
      assertThat(branch(upstream)).isEqualTo("z9hG4bK5550001");

      String challenge =
          ours(frame("01", 1))
              .replace("CSeq: 1 REGISTER", "CSeq: 3 REGISTER")
              .replace("z9hG4bK8773012", "z9hG4bK5550001");
      String again = fromUpstream(challenge).toUpstream().get(0);
      assertThat(header(again, "CSeq")).isEqualTo("4 REGISTER");
      String ok =
          fromUpstream(
                  withBranch(frame("01", 3), "z9hG4bK1883428", branch(again))
                      .replace("CSeq: 2 REGISTER", "CSeq: 4 REGISTER"))
              .toBrowser();
      assertThat(header(ok, "CSeq")).isEqualTo("2 REGISTER");
      assertThat(branch(ok)).isEqualTo("z9hG4bK5550001");

      String next = refresh.replace("CSeq: 2 REGISTER", "CSeq: 3 REGISTER");
      assertThat(header(fromBrowser(next).toUpstream().get(0), "CSeq")).isEqualTo("5 REGISTER");
    }

    @Test
    @DisplayName(
        "a second challenge to the authenticated resend goes to the browser: a wrong password does not loop")
    void wrongPasswordDoesNotLoop() throws Exception {
      fromBrowser(frame("01", 0));
      String resent = fromUpstream(ours(frame("01", 1))).toUpstream().get(0);
      String refusal =
          withBranch(ours(frame("01", 1)), "z9hG4bK8773012", branch(resent))
              .replace("CSeq: 1 REGISTER", "CSeq: 2 REGISTER");
      Relay forwarded = fromUpstream(refusal);
      assertThat(forwarded.toUpstream()).isEmpty();
      assertThat(forwarded.toBrowser()).startsWith("SIP/2.0 401 Unauthorized");
      assertThat(header(forwarded.toBrowser(), "CSeq")).isEqualTo("1 REGISTER");
      assertThat(branch(forwarded.toBrowser())).isEqualTo("z9hG4bK8773012");
    }

    @Test
    @DisplayName("a stale nonce gets one more answer")
    void staleNonce() throws Exception {
      fromBrowser(frame("01", 0));
      String resent = fromUpstream(ours(frame("01", 1))).toUpstream().get(0);
      String stale =
          withBranch(ours(frame("01", 1)), "z9hG4bK8773012", branch(resent))
              .replace("CSeq: 1 REGISTER", "CSeq: 2 REGISTER")
              .replace("qop=\"auth\"", "qop=\"auth\",stale=true");
      Relay answered = fromUpstream(stale);
      assertThat(answered.toBrowser()).isNull();
      assertThat(header(answered.toUpstream().get(0), "CSeq")).isEqualTo("3 REGISTER");
    }

    @Test
    @DisplayName(
        "a challenge of another realm, and the browser's answer to it, pass through untouched")
    void otherRealmPassesThrough() {
      assertThat(fromBrowser(frame("01", 0))).isEqualTo(Relay.ORIGINAL);
      assertThat(fromUpstream(frame("01", 1))).isEqualTo(Relay.ORIGINAL);
      assertThat(fromBrowser(frame("01", 2))).isEqualTo(Relay.ORIGINAL);
      assertThat(fromUpstream(frame("01", 3))).isEqualTo(Relay.ORIGINAL);
    }

    @Test
    @DisplayName(
        "a browser's own credentials for the proxy's realm are refused with 403 and not forwarded")
    void browserCredentialsRefused() {
      Relay refused = fromBrowser(ours(frame("01", 2)));
      assertThat(refused.original()).isFalse();
      assertThat(refused.toUpstream()).isEmpty();
      assertThat(refused.toBrowser()).startsWith("SIP/2.0 403 Authorization is the proxy's");
    }

    @Test
    @DisplayName("without upstream credentials every message passes unchanged")
    void off() {
      SipChallenges off = new SipChallenges(ALICE, null);
      assertThat(off.fromBrowser(parse(frame("01", 0)))).isEqualTo(Relay.ORIGINAL);
      assertThat(off.fromUpstream(parse(ours(frame("01", 1))))).isEqualTo(Relay.ORIGINAL);
    }
  }

  @Nested
  @DisplayName("INVITE (trace 03)")
  class Invite {
    private String challenge;
    private String ack;
    private String resent;

    private void challenged() {
      assertThat(fromBrowser(frame("03", 0))).isEqualTo(Relay.ORIGINAL);
      challenge = ours(frame("03", 1));
      List<String> out = fromUpstream(challenge).toUpstream();
      assertThat(out).hasSize(2);
      ack = out.get(0);
      resent = out.get(1);
    }

    @Test
    @DisplayName(
        "the proxy ACKs the 401 hop by hop (RFC 3261 17.1.1.3) and re-sends the INVITE with CSeq + 1")
    void ackAndResend() throws Exception {
      challenged();
      String invite = frame("03", 0);
      assertThat(ack).startsWith("ACK sip:600@127.0.0.1 SIP/2.0\r\n");
      assertThat(header(ack, "CSeq")).isEqualTo("6161 ACK");
      assertThat(header(ack, "Call-ID")).isEqualTo("kq6j3q85i1qmr1njmufu");
      assertThat(header(ack, "From")).isEqualTo(header(invite, "From"));
      assertThat(header(ack, "To")).isEqualTo("<sip:600@127.0.0.1>;tag=z9hG4bK532522");
      assertThat(ack.lines().filter(l -> l.startsWith("Via:")))
          .containsExactly("Via: SIP/2.0/WS 1umrn7ffmnmv.invalid;branch=z9hG4bK532522");

      assertThat(resent).startsWith("INVITE sip:600@127.0.0.1 SIP/2.0\r\n");
      assertThat(header(resent, "CSeq")).isEqualTo("6162 INVITE");
      assertThat(branch(resent)).startsWith("z9hG4bK").isNotEqualTo("z9hG4bK532522");
      assertThat(header(resent, "To")).isEqualTo("<sip:600@127.0.0.1>");
      assertVerifies(
          resent,
          "Authorization",
          header(challenge, "WWW-Authenticate"),
          "INVITE",
          "sip:600@127.0.0.1",
          "MD5");
      assertThat(resent.substring(resent.indexOf("\r\n\r\n")))
          .isEqualTo(invite.substring(invite.indexOf("\r\n\r\n")));
      assertThat(SipParser.parse(resent.getBytes(StandardCharsets.UTF_8)))
          .isInstanceOf(SipParser.Message.class);
    }

    @Test
    @DisplayName(
        "INVITE → 200 → ACK → BYE: the browser keeps its CSeq space, Asterisk sees the shifted one")
    void wholeCall() {
      challenged();
      String up = branch(resent);
      String trying = fromUpstream(withBranch(frame("03", 4), "z9hG4bK3887762", up)).toBrowser();
      assertThat(header(trying, "CSeq")).isEqualTo("6161 INVITE");
      assertThat(branch(trying)).isEqualTo("z9hG4bK532522");
      String ok = fromUpstream(withBranch(frame("03", 5), "z9hG4bK3887762", up)).toBrowser();
      assertThat(ok).startsWith("SIP/2.0 200 OK");
      assertThat(header(ok, "CSeq")).isEqualTo("6161 INVITE");
      assertThat(branch(ok)).isEqualTo("z9hG4bK532522");
      assertThat(ok).endsWith(frame("03", 5).substring(frame("03", 5).indexOf("\r\n\r\n")));

      // the browser ACKs and hangs up in its own CSeq space
      String ack2xx = frame("03", 6).replace("CSeq: 6162 ACK", "CSeq: 6161 ACK");
      assertThat(header(fromBrowser(ack2xx).toUpstream().get(0), "CSeq")).isEqualTo("6162 ACK");
      String bye = frame("03", 7).replace("CSeq: 6163 BYE", "CSeq: 6162 BYE");
      String byeUp = fromBrowser(bye).toUpstream().get(0);
      assertThat(header(byeUp, "CSeq")).isEqualTo("6163 BYE");
      assertThat(branch(byeUp)).isEqualTo("z9hG4bK926886");
      String byeOk = fromUpstream(frame("03", 8)).toBrowser();
      assertThat(header(byeOk, "CSeq")).isEqualTo("6162 BYE");
      assertThat(branch(byeOk)).isEqualTo("z9hG4bK926886");
    }

    @Test
    @DisplayName(
        "Asterisk's requests in that dialog and the browser's answers to them are untouched")
    void asteriskRequestsUntouched() {
      challenged();
      String options = frame("02", 0).replaceAll("Call-ID: \\S+", "Call-ID: kq6j3q85i1qmr1njmufu");
      String answer = frame("02", 1).replaceAll("Call-ID: \\S+", "Call-ID: kq6j3q85i1qmr1njmufu");
      assertThat(fromUpstream(options)).isEqualTo(Relay.ORIGINAL);
      assertThat(fromBrowser(answer)).isEqualTo(Relay.ORIGINAL);
    }

    @Test
    @DisplayName(
        "a CANCEL of the re-sent INVITE carries its CSeq number and branch; the 487 maps back")
    void cancelAfterResend() {
      challenged();
      String cancel = cancel();
      String up = fromBrowser(cancel).toUpstream().get(0);
      assertThat(up).startsWith("CANCEL sip:600@127.0.0.1 SIP/2.0");
      assertThat(header(up, "CSeq")).isEqualTo("6162 CANCEL");
      assertThat(branch(up)).isEqualTo(branch(resent));

      String ok =
          "SIP/2.0 200 OK\r\nVia: SIP/2.0/WS 1umrn7ffmnmv.invalid;rport=45296;received=127.0.0.1;branch="
              + branch(resent)
              + "\r\nCall-ID: kq6j3q85i1qmr1njmufu\r\n"
              + "From: "
              + header(cancel, "From")
              + "\r\nTo: <sip:600@127.0.0.1>;tag=z9hG4bK532522\r\nCSeq: 6162 CANCEL\r\nContent-Length: 0\r\n\r\n";
      String toBrowser = fromUpstream(ok).toBrowser();
      assertThat(header(toBrowser, "CSeq")).isEqualTo("6161 CANCEL");
      assertThat(branch(toBrowser)).isEqualTo("z9hG4bK532522");
      String terminated =
          ok.replace("200 OK", "487 Request Terminated").replace("6162 CANCEL", "6162 INVITE");
      String t = fromUpstream(terminated).toBrowser();
      assertThat(header(t, "CSeq")).isEqualTo("6161 INVITE");
      // the browser's ACK of the 487 belongs to the re-sent INVITE's transaction
      String ack487 = frame("03", 2);
      String ackUp = fromBrowser(ack487).toUpstream().get(0);
      assertThat(header(ackUp, "CSeq")).isEqualTo("6162 ACK");
      assertThat(branch(ackUp)).isEqualTo(branch(resent));
    }

    @Test
    @DisplayName(
        "an INVITE cancelled before its challenge is not re-sent: the 401 goes to the browser")
    void cancelledBeforeChallenge() {
      fromBrowser(frame("03", 0));
      assertThat(fromBrowser(cancel())).isEqualTo(Relay.ORIGINAL);
      Relay challenged = fromUpstream(ours(frame("03", 1)));
      assertThat(challenged).isEqualTo(Relay.ORIGINAL);
    }

    private String cancel() {
      String invite = frame("03", 0);
      return "CANCEL sip:600@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/WS 1umrn7ffmnmv.invalid;branch=z9hG4bK532522\r\n"
          + "Max-Forwards: 69\r\nTo: <sip:600@127.0.0.1>\r\nFrom: "
          + header(invite, "From")
          + "\r\nCall-ID: kq6j3q85i1qmr1njmufu\r\nCSeq: 6161 CANCEL\r\nContent-Length: 0\r\n\r\n";
    }
  }

  @Nested
  @DisplayName("challenge forms")
  class Forms {
    @Test
    @DisplayName("SHA-256 is preferred over MD5 when Asterisk offers both (RFC 8760)")
    void sha256() throws Exception {
      fromBrowser(frame("01", 0));
      String md5 = header(ours(frame("01", 1)), "WWW-Authenticate");
      String sha = md5.replace("algorithm=MD5", "algorithm=SHA-256");
      String challenge =
          ours(frame("01", 1))
              .replace(
                  "WWW-Authenticate: " + md5,
                  "WWW-Authenticate: " + md5 + "\r\nWWW-Authenticate: " + sha);
      String resent = fromUpstream(challenge).toUpstream().get(0);
      assertThat(
              assertVerifies(resent, "Authorization", sha, "REGISTER", "sip:127.0.0.1", "SHA-256"))
          .containsEntry("algorithm", "SHA-256");
    }

    @Test
    @DisplayName("a challenge without qop is answered without qop, cnonce and nc (RFC 2069 form)")
    void noQop() throws Exception {
      fromBrowser(frame("01", 0));
      String challenge = ours(frame("01", 1)).replace(",qop=\"auth\"", "");
      String resent = fromUpstream(challenge).toUpstream().get(0);
      assertThat(
              assertVerifies(
                  resent,
                  "Authorization",
                  header(challenge, "WWW-Authenticate"),
                  "REGISTER",
                  "sip:127.0.0.1",
                  "MD5"))
          .doesNotContainKeys("qop", "cnonce", "nc");
    }

    @Test
    @DisplayName("a 407 is answered with Proxy-Authorization")
    void proxyAuthenticate() throws Exception {
      fromBrowser(frame("01", 0));
      String challenge =
          ours(frame("01", 1))
              .replace("401 Unauthorized", "407 Proxy Authentication Required")
              .replace("WWW-Authenticate:", "Proxy-Authenticate:");
      String resent = fromUpstream(challenge).toUpstream().get(0);
      assertThat(header(resent, "Authorization")).isNull();
      assertVerifies(
          resent,
          "Proxy-Authorization",
          header(challenge, "Proxy-Authenticate"),
          "REGISTER",
          "sip:127.0.0.1",
          "MD5");
    }
  }
}
