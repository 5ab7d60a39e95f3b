package io.tandemcc.sip;

import gov.nist.javax.sip.header.AuthenticationHeader;
import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.header.To;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import io.tandemcc.pbx.UpstreamCredentials;
import java.security.SecureRandom;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;
import javax.sip.InvalidArgumentException;
import javax.sip.SipException;
import javax.sip.header.AuthorizationHeader;
import javax.sip.header.ProxyAuthenticateHeader;
import javax.sip.header.ProxyAuthorizationHeader;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers Asterisk's digest challenges for the browser (docs/sip-proxy.md, "Per-agent upstream
 * secret"): the agent's endpoint has a password derived from {@code SIP_UPSTREAM_SECRET} that only
 * the server knows, so a 401/407 (realm {@value UpstreamCredentials#REALM}) to a request the
 * browser sent never reaches the browser. The proxy ACKs a challenged INVITE itself (RFC 3261
 * §17.1.1.3), re-sends the request with the Authorization computed from the challenge, a new Via
 * branch and CSeq + 1, and from then on shifts the CSeq of the browser's requests in that Call-ID
 * by that offset (and back in the responses, together with the browser's own Via branch), so that
 * each side sees a consistent CSeq space. Requests from Asterisk and the browser's responses to
 * them are never touched.
 *
 * <p>This is the only class of the proxy that re-serialises messages (jain-sip's {@code encode()});
 * everything it does not need to change is forwarded as the original frame. A second challenge to a
 * request that already carried the proxy's credentials goes to the browser (a wrong password must
 * not loop), except a {@code stale} nonce, which is answered once more. A browser's own credentials
 * for the realm are refused: it has no business knowing them. Plain Java, no I/O; owned by one
 * {@link SipConnection}.
 */
final class SipChallenges {
  private static final Logger LOG = LoggerFactory.getLogger(SipChallenges.class);

  /**
   * Browser requests remembered until their final response (INVITEs longer: their ACK and CANCEL
   * need them).
   */
  static final int REQUEST_MEMORY = 32;

  static final int CALL_ID_MEMORY = SipDialogs.MEMORY;

  /**
   * Challenges answered for one browser request (the first, then a stale nonce) before one goes to
   * the browser.
   */
  static final int MAX_ANSWERS = 2;

  private static final String PROXY_AUTHENTICATE = ProxyAuthenticateHeader.NAME;
  private static final String PROXY_AUTHORIZATION = ProxyAuthorizationHeader.NAME;
  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * What to send once the guard let a message through: the original frame to where it was going,
   * and/or these texts to the browser and to Asterisk.
   */
  record Relay(boolean original, String toBrowser, List<String> toUpstream) {
    static final Relay ORIGINAL = new Relay(true, null, List.of());
    static final Relay NOTHING = new Relay(false, null, List.of());

    static Relay toBrowser(String text) {
      return new Relay(false, text, List.of());
    }

    static Relay toUpstream(String... texts) {
      return new Relay(false, null, List.of(texts));
    }
  }

  /** A browser request as it went to Asterisk, with the CSeq the browser gave it. */
  private record Sent(SIPRequest upstream, long browserCSeq, int answers, boolean cancelled) {}

  /**
   * The challenge chosen among a 401/407's, with the qop to answer ({@code auth}, or null for
   * none).
   */
  private record Challenge(AuthenticationHeader header, String jcaName, String qop) {}

  private final SipIdentity identity;
  private final String password;

  /** By the browser's Via branch and the method. */
  private final Map<String, Sent> sent = lru(REQUEST_MEMORY);

  /** The branch of a re-sent request → the branch the browser gave the original. */
  private final Map<String, String> resentBranches = lru(REQUEST_MEMORY);

  /** Call-ID → what the proxy adds to the browser's CSeq in it. */
  private final Map<String, Long> offsets = lru(CALL_ID_MEMORY);

  /**
   * @param credentials the upstream credentials, or null: then every message passes unchanged
   */
  SipChallenges(SipIdentity identity, UpstreamCredentials credentials) {
    this.identity = identity;
    this.password = credentials == null ? null : credentials.password(identity.endpoint());
  }

  /** A browser message the guard accepted, on its way to Asterisk. */
  Relay fromBrowser(SIPMessage message) {
    if (password == null || !(message instanceof SIPRequest request)) {
      return Relay.ORIGINAL;
    }
    try {
      return request(request);
    } catch (ParseException | InvalidArgumentException e) {
      LOG.warn(
          "cannot relay {} from {}: {}",
          SipGuard.what(request),
          identity.logContext(),
          e.getMessage());
      return Relay.NOTHING;
    }
  }

  /** A message from Asterisk the guard accepted, on its way to the browser. */
  Relay fromUpstream(SIPMessage message) {
    if (password == null || !(message instanceof SIPResponse response)) {
      return Relay.ORIGINAL;
    }
    try {
      return response(response);
    } catch (ParseException | InvalidArgumentException | SipException e) {
      LOG.warn(
          "cannot relay {} to {}: {}",
          SipGuard.what(response),
          identity.logContext(),
          e.getMessage());
      return Relay.NOTHING;
    }
  }

  private Relay request(SIPRequest r) throws ParseException, InvalidArgumentException {
    String method = r.getMethod();
    if (carriesRealmCredentials(r)) {
      LOG.warn(
          "refused {} from {}: it carries credentials for realm {}",
          SipGuard.what(r),
          identity.logContext(),
          UpstreamCredentials.REALM);
      return Request.ACK.equals(method)
          ? Relay.NOTHING
          : Relay.toBrowser(SipResponses.answer(r, 403, "Authorization is the proxy's"));
    }
    String branch = r.getTopmostVia().getBranch();
    long browserCSeq = r.getCSeq().getSeqNumber();
    if (Request.CANCEL.equals(method) || Request.ACK.equals(method)) {
      // a CANCEL, and the ACK of a non-2xx final response, belong to the INVITE's transaction: its
      // branch and CSeq
      Sent invite = sent.get(key(branch, Request.INVITE));
      if (invite != null) {
        if (Request.CANCEL.equals(method)) {
          sent.put(
              key(branch, Request.INVITE),
              new Sent(invite.upstream(), invite.browserCSeq(), invite.answers(), true));
          sent.put(key(branch, method), new Sent(r, browserCSeq, 0, true));
        }
        return sameTransaction(r, invite.upstream());
      }
    }
    long offset = offsets.getOrDefault(r.getCallId().getCallId(), 0L);
    if (!Request.ACK.equals(method)) {
      sent.put(key(branch, method), new Sent(r, browserCSeq, 0, false));
    }
    if (offset == 0) {
      return Relay.ORIGINAL;
    }
    r.getCSeq().setSeqNumber(browserCSeq + offset);
    return Relay.toUpstream(r.encode());
  }

  /**
   * The CANCEL or ACK {@code r} with the branch and CSeq number of {@code invite} as it went to
   * Asterisk.
   */
  private static Relay sameTransaction(SIPRequest r, SIPRequest invite)
      throws ParseException, InvalidArgumentException {
    String branch = invite.getTopmostVia().getBranch();
    long number = invite.getCSeq().getSeqNumber();
    if (branch.equals(r.getTopmostVia().getBranch()) && number == r.getCSeq().getSeqNumber()) {
      return Relay.ORIGINAL;
    }
    r.getTopmostVia().setBranch(branch);
    r.getCSeq().setSeqNumber(number);
    return Relay.toUpstream(r.encode());
  }

  private Relay response(SIPResponse response)
      throws ParseException, InvalidArgumentException, SipException {
    String method = response.getCSeq().getMethod();
    String upstreamBranch = response.getTopmostVia().getBranch();
    String browserBranch = resentBranches.getOrDefault(upstreamBranch, upstreamBranch);
    String key = key(browserBranch, method);
    Sent request = sent.get(key);
    if (request == null) {
      long offset = offsets.getOrDefault(response.getCallId().getCallId(), 0L);
      if (offset == 0) {
        return Relay.ORIGINAL;
      }
      response.getCSeq().setSeqNumber(response.getCSeq().getSeqNumber() - offset);
      return Relay.toBrowser(response.encode());
    }
    int status = response.getStatusCode();
    if ((status == 401 || status == 407) && challengeable(request)) {
      Challenge challenge = challenge(response, status == 407);
      if (challenge != null
          && (request.answers() == 0
              || challenge.header().isStale() && request.answers() < MAX_ANSWERS)) {
        return answer(request, response, challenge, browserBranch, upstreamBranch);
      }
      if (challenge != null) {
        LOG.warn(
            "Asterisk refused the upstream credentials of {} for {} (is tandem/pjsip_tenants.conf rendered "
                + "with this server's SIP_UPSTREAM_SECRET?): {} goes to the browser",
            identity.logContext(),
            SipGuard.what(request.upstream()),
            status);
      }
    }
    if (status >= 200 && !Request.INVITE.equals(method)) {
      sent.remove(key);
      resentBranches.remove(upstreamBranch);
    }
    if (upstreamBranch.equals(browserBranch)
        && response.getCSeq().getSeqNumber() == request.browserCSeq()) {
      return Relay.ORIGINAL;
    }
    response.getTopmostVia().setBranch(browserBranch);
    response.getCSeq().setSeqNumber(request.browserCSeq());
    return Relay.toBrowser(response.encode());
  }

  /**
   * Only new requests are challenged (in-dialog ones are not, by Asterisk), and never a cancelled
   * INVITE.
   */
  private static boolean challengeable(Sent request) {
    String method = request.upstream().getMethod();
    return !request.cancelled()
        && request.upstream().getToTag() == null
        && !Request.ACK.equals(method)
        && !Request.CANCEL.equals(method);
  }

  /**
   * The ACK of the challenge (for an INVITE), then the request again: new branch, CSeq + 1, and the
   * proxy's Authorization. The Call-ID's offset grows so that the browser's next request stays
   * above it.
   */
  private Relay answer(
      Sent request,
      SIPResponse challengeResponse,
      Challenge challenge,
      String browserBranch,
      String upstreamBranch)
      throws ParseException, InvalidArgumentException, SipException {
    SIPRequest challenged = request.upstream();
    List<String> out = new ArrayList<>();
    if (Request.INVITE.equals(challenged.getMethod())) {
      out.add(challenged.createErrorAck((To) challengeResponse.getTo()).encode());
    }
    SIPRequest again = (SIPRequest) challenged.clone();
    again.removeHeader(AuthorizationHeader.NAME);
    again.removeHeader(PROXY_AUTHORIZATION);
    String branch = "z9hG4bK" + hex(12);
    again.getTopmostVia().setBranch(branch);
    long number = challenged.getCSeq().getSeqNumber() + 1;
    again.getCSeq().setSeqNumber(number);
    String headerName =
        challengeResponse.getStatusCode() == 407 ? PROXY_AUTHORIZATION : AuthorizationHeader.NAME;
    again.addHeader(
        new HeaderFactoryImpl().createHeader(headerName, credentials(again, challenge)));
    String callId = again.getCallId().getCallId();
    offsets.put(callId, Math.max(offsets.getOrDefault(callId, 0L), number - request.browserCSeq()));
    resentBranches.remove(upstreamBranch);
    resentBranches.put(branch, browserBranch);
    sent.put(
        key(browserBranch, again.getMethod()),
        new Sent(again, request.browserCSeq(), request.answers() + 1, false));
    out.add(again.encode());
    LOG.debug(
        "answered Asterisk's {} to {} for {}",
        challengeResponse.getStatusCode(),
        SipGuard.what(again),
        identity.logContext());
    return Relay.toUpstream(out.toArray(String[]::new));
  }

  /**
   * The value of the Authorization header answering {@code challenge} for {@code request} (RFC 7616
   * §3.4).
   */
  private String credentials(SIPRequest request, Challenge challenge) {
    AuthenticationHeader c = challenge.header();
    String uri = request.getRequestURI().toString();
    String cnonce = challenge.qop() == null ? null : hex(16);
    String nc = "00000001"; // each challenge brings a fresh nonce, which the proxy uses once
    String response =
        SipDigest.response(
            challenge.jcaName(),
            identity.endpoint(),
            c.getRealm(),
            password,
            request.getMethod(),
            uri,
            c.getNonce(),
            challenge.qop(),
            nc,
            cnonce);
    StringBuilder value =
        new StringBuilder("Digest username=")
            .append(quoted(identity.endpoint()))
            .append(", realm=")
            .append(quoted(c.getRealm()))
            .append(", nonce=")
            .append(quoted(c.getNonce()))
            .append(", uri=")
            .append(quoted(uri))
            .append(", response=")
            .append(quoted(response))
            .append(", algorithm=")
            .append(c.getAlgorithm() == null ? "MD5" : c.getAlgorithm());
    if (c.getOpaque() != null) {
      value.append(", opaque=").append(quoted(c.getOpaque()));
    }
    if (challenge.qop() != null) {
      value
          .append(", qop=")
          .append(challenge.qop())
          .append(", cnonce=")
          .append(quoted(cnonce))
          .append(", nc=")
          .append(nc);
    }
    return value.toString();
  }

  /**
   * The challenge to answer: Digest for realm {@value UpstreamCredentials#REALM} with an algorithm
   * we support (SHA-256 before MD5) and qop {@code auth} or none; null when there is none (another
   * realm passes through).
   */
  private static Challenge challenge(SIPResponse response, boolean proxy) {
    Challenge best = null;
    for (ListIterator<?> it =
            response.getHeaders(proxy ? PROXY_AUTHENTICATE : WWWAuthenticateHeader.NAME);
        it.hasNext(); ) {
      if (!(it.next() instanceof AuthenticationHeader c)
          || !"Digest".equalsIgnoreCase(c.getScheme())
          || !UpstreamCredentials.REALM.equals(c.getRealm())
          || c.getNonce() == null) {
        continue;
      }
      String jcaName = SipDigest.jcaName(c.getAlgorithm());
      String qop =
          c.getQop() == null
              ? null
              : Arrays.stream(c.getQop().split(","))
                  .map(String::trim)
                  .filter("auth"::equalsIgnoreCase)
                  .findFirst()
                  .map(q -> "auth")
                  .orElse("unsupported");
      if (jcaName == null || "unsupported".equals(qop)) {
        continue;
      }
      if (best == null || "SHA-256".equals(jcaName)) {
        best = new Challenge(c, jcaName, qop);
      }
    }
    return best;
  }

  /**
   * Credentials in the proxy's realm (or without a realm), which a browser cannot legitimately
   * have.
   */
  private static boolean carriesRealmCredentials(SIPRequest r) {
    for (String name : new String[] {AuthorizationHeader.NAME, PROXY_AUTHORIZATION}) {
      for (ListIterator<?> it = r.getHeaders(name); it.hasNext(); ) {
        Object header = it.next();
        if (!(header instanceof AuthorizationHeader auth)
            || auth.getRealm() == null
            || UpstreamCredentials.REALM.equalsIgnoreCase(auth.getRealm())) {
          return true;
        }
      }
    }
    return false;
  }

  private static String key(String branch, String method) {
    return method + " " + branch;
  }

  private static String quoted(String value) {
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static String hex(int bytes) {
    byte[] random = new byte[bytes];
    RANDOM.nextBytes(random);
    return HexFormat.of().formatHex(random);
  }

  private static <K, V> Map<K, V> lru(int capacity) {
    return new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > capacity;
      }
    };
  }
}
