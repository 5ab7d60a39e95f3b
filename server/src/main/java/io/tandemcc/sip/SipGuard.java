package io.tandemcc.sip;

import gov.nist.javax.sip.header.ContactList;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import io.tandemcc.sip.SipParser.Malformed;
import io.tandemcc.sip.SipParser.Message;
import io.tandemcc.sip.SipParser.Parsed;
import io.tandemcc.sip.SipParser.Ping;
import io.tandemcc.sip.Verdict.Answer;
import io.tandemcc.sip.Verdict.Dial;
import io.tandemcc.sip.Verdict.Drop;
import io.tandemcc.sip.Verdict.Forward;
import java.util.Iterator;
import java.util.ListIterator;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.AuthorizationHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.ReferToHeader;
import javax.sip.message.Request;

/**
 * The identity rules of one SIP connection (docs/sip-proxy.md): every frame is parsed, checked against the agent
 * the connection belongs to and the dialogs it has seen, and given a {@link Verdict}. Plain Java, no I/O; owned
 * by one {@link SipConnection}, used on its event loop only.
 *
 * <p>Browser → Asterisk: out-of-dialog requests (no To tag) must come From the agent's own endpoint, a REGISTER
 * must also be To it; in-dialog requests and responses must belong to a Call-ID seen on this connection; every
 * Contact must be the connection's own (bound by the first one seen); identity headers are refused; a digest
 * username, if any, must be the agent's. Asterisk → browser: parsed (so its Call-IDs become known) and forwarded.
 */
final class SipGuard {
  static final int MAX_FRAME_BYTES = 64 * 1024;
  static final int CALL_ID_MEMORY = 1024;
  /** Headers by which a request could claim another identity towards Asterisk or a trunk; never accepted. */
  static final Set<String> IDENTITY_HEADERS = Set.of("p-asserted-identity", "p-preferred-identity",
      "remote-party-id", "identity", "identity-info");
  /** What an agent may dial: digits, optionally a leading +, and the keypad's * and #. */
  private static final Pattern DIAL_STRING = Pattern.compile("\\+?[0-9*#]{1,32}");

  private final SipIdentity identity;
  private final RecentCallIds callIds = new RecentCallIds(CALL_ID_MEMORY);
  /** {@code user@host} of the connection's Contact, bound by the first browser message that carries one. */
  private String contact;

  SipGuard(SipIdentity identity) {
    this.identity = identity;
  }

  /** Judges a frame from the browser. Nothing is remembered until {@link #accepted} is called for it. */
  Verdict fromBrowser(byte[] frame) {
    if (frame.length > MAX_FRAME_BYTES) {
      return new Drop("frame", "oversized (" + frame.length + " bytes)");
    }
    Parsed parsed = SipParser.parse(frame);
    if (parsed instanceof Ping) {
      return new Verdict.AnswerPing();
    }
    if (parsed instanceof Malformed m) {
      return m.answerable() == null ? new Drop("frame", "malformed, " + m.why())
          : new Answer(SipResponses.answer(m.answerable(), 400, "Bad Request"), 400, what(m.answerable()),
              "malformed, " + m.why());
    }
    if (parsed instanceof Message m) {
      return m.message() instanceof SIPRequest r ? request(r) : response((SIPResponse) m.message());
    }
    return new Verdict.PassKeepAlive();
  }

  /**
   * Judges a browser frame that arrived while the connection is over its rate: a request is answered 503 with
   * Retry-After, anything else is dropped. Nothing is forwarded.
   */
  Verdict throttled(byte[] frame, int retryAfterSeconds) {
    Parsed parsed = frame.length > MAX_FRAME_BYTES ? null : SipParser.parse(frame);
    if (parsed instanceof Message m && m.message() instanceof SIPRequest r && !Request.ACK.equals(r.getMethod())) {
      return new Answer(SipResponses.serviceUnavailable(r, "Too many messages", retryAfterSeconds), 503, what(r),
          "throttled");
    }
    return new Drop("frame", "throttled");
  }

  /** Records what a forwarded browser message establishes: its Call-ID, and the connection's Contact. */
  void accepted(SIPMessage message) {
    callIds.remember(message.getCallId().getCallId());
    if (contact == null) {
      contact = firstContact(message);
    }
  }

  /** Judges a frame from Asterisk: forwarded unless malformed; its Call-ID becomes known to the connection. */
  Verdict fromUpstream(byte[] frame) {
    Parsed parsed = SipParser.parse(frame);
    if (parsed instanceof Malformed m) {
      return new Drop("frame from Asterisk", "malformed, " + m.why());
    }
    if (parsed instanceof Message m) {
      callIds.remember(m.message().getCallId().getCallId());
      return new Forward(m.message());
    }
    return new Verdict.PassKeepAlive();
  }

  boolean knows(String callId) {
    return callIds.contains(callId);
  }

  private Verdict request(SIPRequest r) {
    String header = identityHeader(r);
    if (header != null) {
      return refuse(r, 403, "Identity headers are not accepted", "carries " + header);
    }
    String username = foreignDigestUser(r);
    if (username != null) {
      return refuse(r, 403, "Authorization must be your own", "digest username " + username);
    }
    Verdict contactProblem = contactProblem(r);
    if (contactProblem != null) {
      return contactProblem;
    }
    if (Request.REFER.equals(r.getMethod()) && referToCarriesIdentity(r)) {
      return refuse(r, 403, "Identity headers are not accepted", "Refer-To embeds an identity header");
    }
    if (r.getToTag() != null) {
      return knows(r.getCallId().getCallId()) ? new Forward(r)
          : refuse(r, 403, "Unknown dialog", "in-dialog request for a Call-ID not seen on this connection");
    }
    return outOfDialog(r);
  }

  private Verdict outOfDialog(SIPRequest r) {
    if (Request.ACK.equals(r.getMethod())) {
      return new Drop(what(r), "ACK without To tag");
    }
    String fromUser = userOf(r.getFrom().getAddress().getURI());
    if (!identity.endpoint().equals(fromUser)) {
      return refuse(r, 403, "From must be your own address", "From user " + fromUser);
    }
    if (Request.REGISTER.equals(r.getMethod())) {
      String toUser = userOf(r.getTo().getAddress().getURI());
      if (!identity.endpoint().equals(toUser)) {
        return refuse(r, 403, "You can only register yourself", "REGISTER To user " + toUser);
      }
    }
    if (Request.INVITE.equals(r.getMethod())) {
      String target = userOf(r.getRequestURI());
      if (target == null || !DIAL_STRING.matcher(target).matches()) {
        return refuse(r, 403, "Dial a number or an extension", "Request-URI user " + target);
      }
      return new Forward(r, new Dial(target));
    }
    return new Forward(r);
  }

  private Verdict response(SIPResponse response) {
    String header = identityHeader(response);
    if (header != null) {
      return new Drop(what(response), "response carries " + header);
    }
    if (!knows(response.getCallId().getCallId())) {
      return new Drop(what(response), "response for a Call-ID not seen on this connection");
    }
    Verdict contactProblem = contactProblem(response);
    return contactProblem != null ? contactProblem : new Forward(response);
  }

  /** Null when every Contact is this connection's own (or binds it); otherwise the refusal. */
  private Verdict contactProblem(SIPMessage m) {
    ContactList contacts = m.getContactHeaders();
    if (contacts == null) {
      return null;
    }
    String bound = contact;
    for (ListIterator<?> it = contacts.listIterator(); it.hasNext(); ) {
      ContactHeader c = (ContactHeader) it.next();
      if (c.isWildCard()) {
        if (!(m instanceof SIPRequest r && Request.REGISTER.equals(r.getMethod()) && expiresZero(r))) {
          return refuse(m, 400, "Contact * only with Expires 0", "wildcard Contact outside an unregister");
        }
        continue;
      }
      String key = contactKey(c);
      if (key == null) {
        return refuse(m, 403, "Contact must be this WebSocket", "Contact " + c.getAddress());
      }
      if (bound == null) {
        bound = key;
      } else if (!bound.equals(key)) {
        return refuse(m, 403, "Contact is not this connection's", "Contact " + key + " instead of " + bound);
      }
    }
    return null;
  }

  private static String firstContact(SIPMessage m) {
    ContactList contacts = m.getContactHeaders();
    if (contacts != null) {
      for (ListIterator<?> it = contacts.listIterator(); it.hasNext(); ) {
        ContactHeader c = (ContactHeader) it.next();
        if (!c.isWildCard()) {
          return contactKey(c);
        }
      }
    }
    return null;
  }

  /** {@code user@host} of a SIP Contact reached over WebSocket, or null for anything else. */
  private static String contactKey(ContactHeader c) {
    if (c.getAddress() == null || !(c.getAddress().getURI() instanceof SipURI uri)) {
      return null;
    }
    String transport = uri.getTransportParam();
    if (transport == null || !(transport.equalsIgnoreCase("ws") || transport.equalsIgnoreCase("wss"))) {
      return null;
    }
    return (uri.getUser() == null ? "" : uri.getUser()) + "@" + uri.getHost().toLowerCase(Locale.ROOT);
  }

  private static boolean expiresZero(SIPRequest r) {
    ExpiresHeader expires = r.getExpires();
    return expires != null && expires.getExpires() == 0;
  }

  private static String identityHeader(SIPMessage m) {
    for (String name : IDENTITY_HEADERS) {
      if (m.getHeader(name) != null) {
        return name;
      }
    }
    return null;
  }

  private String foreignDigestUser(SIPRequest r) {
    for (String name : new String[] {AuthorizationHeader.NAME, "Proxy-Authorization"}) {
      for (ListIterator<?> it = r.getHeaders(name); it.hasNext(); ) {
        if (it.next() instanceof AuthorizationHeader auth && auth.getUsername() != null
            && !identity.endpoint().equals(auth.getUsername())) {
          return auth.getUsername();
        }
      }
    }
    return null;
  }

  private static boolean referToCarriesIdentity(SIPRequest r) {
    for (ListIterator<?> it = r.getHeaders(ReferToHeader.NAME); it.hasNext(); ) {
      if (it.next() instanceof ReferToHeader referTo && referTo.getAddress().getURI() instanceof SipURI uri) {
        for (Iterator<?> names = uri.getHeaderNames(); names != null && names.hasNext(); ) {
          if (IDENTITY_HEADERS.contains(String.valueOf(names.next()).toLowerCase(Locale.ROOT))) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static String userOf(URI uri) {
    return uri instanceof SipURI sip ? sip.getUser() : null;
  }

  private static Verdict refuse(SIPMessage m, int status, String reason, String why) {
    if (m instanceof SIPRequest r && !Request.ACK.equals(r.getMethod())) {
      return new Answer(SipResponses.answer(r, status, reason), status, what(m), why);
    }
    return new Drop(what(m), why);
  }

  /** {@code "INVITE Call-ID x"} or {@code "200 response Call-ID x"}, for log lines. */
  static String what(SIPMessage m) {
    String kind = m instanceof SIPRequest r ? r.getMethod()
        : ((SIPResponse) m).getStatusCode() + " response to " + m.getCSeq().getMethod();
    return kind + " Call-ID " + m.getCallId().getCallId();
  }
}
