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
import java.util.ListIterator;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.AuthorizationHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.message.Request;

/**
 * The identity rules of one SIP connection (docs/sip-proxy.md): every frame is checked, parsed,
 * judged against the agent the connection belongs to and the dialogs it established, and given a
 * {@link Verdict}. Plain Java, no I/O; owned by one {@link SipConnection}, used on its event loop
 * only. Every refusal is counted in {@link SipStats}.
 *
 * <p>Browser → Asterisk, one rule for every request, in a dialog or not: the frame is exactly one
 * message ({@link SipFraming}); identity headers are refused; a digest username must be the
 * agent's; every Contact must be the connection's own (bound by the first one seen); REFER is
 * refused; the From user is the agent's endpoint (in a dialog Asterisk opened, the user Asterisk
 * addressed the browser as); a request with a To tag must belong to a dialog this connection
 * established ({@link SipDialogs}: Call-ID, From tag = local tag, To tag = remote tag) and never be
 * an OPTIONS, REGISTER, MESSAGE or PUBLISH; a request without one is new: a REGISTER must be To the
 * agent's own AOR, an INVITE needs a dial string and the call policy, a CANCEL an INVITE of this
 * connection. Responses must answer a request Asterisk sent on this connection.
 *
 * <p>Asterisk → browser: parsed so that its dialogs become known and forwarded; a message with a
 * header jain-sip cannot parse but that the proxy does not need is still forwarded (and counted),
 * never dropped silently.
 */
final class SipGuard {
  static final int MAX_FRAME_BYTES = 64 * 1024;

  /**
   * Headers by which a request could claim another identity towards Asterisk or a trunk; never
   * accepted.
   */
  static final Set<String> IDENTITY_HEADERS =
      Set.of(
          "p-asserted-identity",
          "p-preferred-identity",
          "remote-party-id",
          "identity",
          "identity-info");

  /** What an agent may dial: digits, optionally a leading +, and the keypad's * and #. */
  private static final Pattern DIAL_STRING = Pattern.compile("\\+?[0-9*#]{1,32}");

  /**
   * A Contact user that reads as an endpoint ({@code <domain>-<extension>}, any case) or a number:
   * only the agent's own endpoint may appear there (the web client sets it, docs/webphone.md);
   * JsSIP's default random user is accepted too.
   */
  private static final Pattern NAMES_A_PARTY = Pattern.compile("(?i)(.*-[0-9*#]+|\\+?[0-9*#]+)");

  /** Methods that never belong to a dialog (RFC 3261 §10, RFC 3428, RFC 3903, RFC 3261 §11). */
  private static final Set<String> NEVER_IN_DIALOG =
      Set.of(Request.OPTIONS, Request.REGISTER, Request.MESSAGE, Request.PUBLISH);

  /** Methods that only exist inside a dialog; without a To tag Asterisk could only answer 481. */
  private static final Set<String> ONLY_IN_DIALOG =
      Set.of(Request.BYE, Request.UPDATE, Request.PRACK, Request.INFO, Request.NOTIFY);

  private final SipIdentity identity;
  private final SipStats stats;
  private final SipDialogs dialogs = new SipDialogs();

  /**
   * {@code user@host} of the connection's Contact, bound by the first browser message that carries
   * one.
   */
  private String contact;

  SipGuard(SipIdentity identity) {
    this(identity, new SipStats());
  }

  SipGuard(SipIdentity identity, SipStats stats) {
    this.identity = identity;
    this.stats = stats;
  }

  /**
   * Judges a frame from the browser. Nothing is remembered until {@link #accepted} is called for
   * it.
   */
  Verdict fromBrowser(byte[] frame) {
    if (frame.length > MAX_FRAME_BYTES) {
      return drop("oversized", "frame", "oversized (" + frame.length + " bytes)");
    }
    Parsed parsed = SipParser.parse(frame);
    if (parsed instanceof Ping) {
      return new Verdict.AnswerPing();
    }
    if (parsed instanceof SipParser.Pong) {
      return new Verdict.PassKeepAlive();
    }
    SipFraming.Problem framing = SipFraming.check(frame);
    if (framing != null) {
      SIPRequest answerable =
          parsed instanceof Message m
                  && m.message() instanceof SIPRequest r
                  && !Request.ACK.equals(r.getMethod())
              ? r
              : parsed instanceof Malformed m ? m.answerable() : null;
      return answerable == null
          ? drop(framing.reason(), "frame", framing.why())
          : answer(framing.reason(), answerable, 400, "Bad Request", framing.why());
    }
    if (parsed instanceof Malformed m) {
      return m.answerable() == null
          ? drop("malformed", "frame", "malformed, " + m.why())
          : answer("malformed", m.answerable(), 400, "Bad Request", "malformed, " + m.why());
    }
    SIPMessage message = ((Message) parsed).message();
    return message instanceof SIPRequest r ? request(r) : response((SIPResponse) message);
  }

  /**
   * Judges a browser frame that arrived while the connection is over its rate: a request is
   * answered 503 with Retry-After, anything else is dropped. Nothing is forwarded.
   */
  Verdict throttled(byte[] frame, int retryAfterSeconds) {
    Parsed parsed = frame.length > MAX_FRAME_BYTES ? null : SipParser.parse(frame);
    if (parsed instanceof Message m
        && m.message() instanceof SIPRequest r
        && !Request.ACK.equals(r.getMethod())) {
      return new Answer(
          SipResponses.serviceUnavailable(r, "Too many messages", retryAfterSeconds),
          503,
          what(r),
          "throttled");
    }
    return new Drop("frame", "throttled");
  }

  /**
   * Records what a forwarded browser message establishes: a transaction that may open a dialog, a
   * dialog, the connection's Contact.
   */
  void accepted(SIPMessage message) {
    String callId = message.getCallId().getCallId();
    if (message instanceof SIPRequest r) {
      if (r.getToTag() == null
          && (Request.INVITE.equals(r.getMethod()) || Request.SUBSCRIBE.equals(r.getMethod()))) {
        dialogs.browserStarted(callId, r.getFromTag(), userOf(r.getFrom().getAddress().getURI()));
      }
    } else if (message instanceof SIPResponse response) {
      dialogs.browserAnswered(
          callId,
          response.getFromTag(),
          response.getToTag(),
          response.getCSeq().getMethod(),
          response.getStatusCode());
    }
    if (contact == null) {
      contact = firstContact(message);
    }
  }

  /**
   * Judges a frame from Asterisk: forwarded unless its start line or a header the proxy needs is
   * unreadable; a header it does not need that fails to parse is named in the verdict's note and
   * counted. What it establishes (transactions, dialogs) is learnt here.
   */
  Verdict fromUpstream(byte[] frame) {
    Parsed parsed = SipParser.parse(frame);
    SIPMessage message;
    String note = null;
    if (parsed instanceof Message m) {
      message = m.message();
    } else if (parsed instanceof Malformed m) {
      SipParser.Lenient lenient = SipParser.lenient(frame);
      if (lenient == null || lenient.unparsed().isEmpty()) {
        return drop("upstream-malformed", "frame from Asterisk", "malformed, " + m.why());
      }
      stats.count("upstream-unparsed-header");
      message = lenient.message();
      note =
          "forwarded with headers the proxy cannot parse: "
              + String.join(" | ", lenient.unparsed().stream().map(SipFraming::printable).toList());
    } else {
      return new Verdict.PassKeepAlive();
    }
    String callId = message.getCallId().getCallId();
    if (message instanceof SIPRequest r) {
      dialogs.asteriskRequested(
          callId,
          r.getFromTag(),
          r.getToTag(),
          r.getMethod(),
          userOf(r.getTo().getAddress().getURI()));
    } else if (message instanceof SIPResponse response) {
      dialogs.asteriskAnswered(
          callId,
          response.getFromTag(),
          response.getToTag(),
          response.getCSeq().getMethod(),
          response.getStatusCode());
    }
    return new Forward(message, null, note);
  }

  private Verdict request(SIPRequest r) {
    String header = identityHeader(r);
    if (header != null) {
      return answer(
          "identity-header", r, 403, "Identity headers are not accepted", "carries " + header);
    }
    String username = foreignDigestUser(r);
    if (username != null) {
      return answer(
          "digest-user", r, 403, "Authorization must be your own", "digest username " + username);
    }
    Verdict contactProblem = contactProblem(r);
    if (contactProblem != null) {
      return contactProblem;
    }
    if (Request.REFER.equals(r.getMethod())) {
      // the web client never sends REFER: transfers go through the REST API, which applies the call
      // policy
      return answer(
          "refer", r, 403, "Transfer through the agent desktop", "REFER from the browser");
    }
    return r.getToTag() != null ? inDialog(r) : outOfDialog(r);
  }

  private Verdict inDialog(SIPRequest r) {
    if (NEVER_IN_DIALOG.contains(r.getMethod())) {
      return answer(
          "to-tag",
          r,
          403,
          r.getMethod() + " is never part of a dialog",
          "To tag on " + r.getMethod());
    }
    SipDialogs.Dialog dialog =
        dialogs.find(r.getCallId().getCallId(), r.getFromTag(), r.getToTag());
    if (dialog == null || dialog.ackOnly() && !Request.ACK.equals(r.getMethod())) {
      return refuse(
          "unknown-dialog",
          r,
          403,
          "Unknown dialog",
          "Call-ID and tags of no dialog this connection established");
    }
    String fromUser = userOf(r.getFrom().getAddress().getURI());
    if (!identity.endpoint().equals(fromUser) && !dialog.localUser().equals(fromUser)) {
      return refuse(
          "from", r, 403, "From must be your own address", "in-dialog From user " + fromUser);
    }
    return new Forward(r);
  }

  private Verdict outOfDialog(SIPRequest r) {
    if (Request.ACK.equals(r.getMethod())) {
      return drop("unknown-dialog", what(r), "ACK without To tag");
    }
    String fromUser = userOf(r.getFrom().getAddress().getURI());
    if (!identity.endpoint().equals(fromUser)) {
      return answer("from", r, 403, "From must be your own address", "From user " + fromUser);
    }
    String method = r.getMethod();
    if (ONLY_IN_DIALOG.contains(method)) {
      return answer(
          "unknown-dialog", r, 481, "Call/Transaction Does Not Exist", method + " without To tag");
    }
    if (Request.CANCEL.equals(method)
        && !dialogs.browserStartedOne(r.getCallId().getCallId(), r.getFromTag())) {
      return answer(
          "unknown-dialog",
          r,
          481,
          "Call/Transaction Does Not Exist",
          "CANCEL of no INVITE sent here");
    }
    if (Request.REGISTER.equals(method)) {
      String toUser = userOf(r.getTo().getAddress().getURI());
      if (!identity.endpoint().equals(toUser)) {
        return answer(
            "register-target",
            r,
            403,
            "You can only register yourself",
            "REGISTER To user " + toUser);
      }
    }
    if (Request.INVITE.equals(method)) {
      String target = userOf(r.getRequestURI());
      if (target == null || !DIAL_STRING.matcher(target).matches()) {
        return answer(
            "dial-string", r, 403, "Dial a number or an extension", "Request-URI user " + target);
      }
      return new Forward(r, new Dial(target));
    }
    return new Forward(r);
  }

  private Verdict response(SIPResponse response) {
    String header = identityHeader(response);
    if (header != null) {
      return drop("identity-header", what(response), "response carries " + header);
    }
    if (!dialogs.answersAsterisk(response.getCallId().getCallId(), response.getFromTag())) {
      return drop(
          "unknown-dialog",
          what(response),
          "response to no request Asterisk sent on this connection");
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
        if (!(m instanceof SIPRequest r
            && Request.REGISTER.equals(r.getMethod())
            && expiresZero(r))) {
          return refuse(
              "contact",
              m,
              400,
              "Contact * only with Expires 0",
              "wildcard Contact outside an unregister");
        }
        continue;
      }
      String key = contactKey(c);
      if (key == null) {
        return refuse(
            "contact", m, 403, "Contact must be this WebSocket", "Contact " + c.getAddress());
      }
      String user = key.substring(0, key.lastIndexOf('@'));
      if (!user.equals(identity.endpoint()) && NAMES_A_PARTY.matcher(user).matches()) {
        return refuse("contact", m, 403, "Contact must be your own", "Contact user " + user);
      }
      if (bound == null) {
        bound = key;
      } else if (!bound.equals(key)) {
        return refuse(
            "contact",
            m,
            403,
            "Contact is not this connection's",
            "Contact " + key + " instead of " + bound);
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
    if (transport == null
        || !(transport.equalsIgnoreCase("ws") || transport.equalsIgnoreCase("wss"))) {
      return null;
    }
    return (uri.getUser() == null ? "" : uri.getUser())
        + "@"
        + uri.getHost().toLowerCase(Locale.ROOT);
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
        if (it.next() instanceof AuthorizationHeader auth
            && auth.getUsername() != null
            && !identity.endpoint().equals(auth.getUsername())) {
          return auth.getUsername();
        }
      }
    }
    return null;
  }

  private static String userOf(URI uri) {
    return uri instanceof SipURI sip ? sip.getUser() : null;
  }

  private Verdict refuse(String reason, SIPMessage m, int status, String phrase, String why) {
    return m instanceof SIPRequest r && !Request.ACK.equals(r.getMethod())
        ? answer(reason, r, status, phrase, why)
        : drop(reason, what(m), why);
  }

  private Verdict answer(String reason, SIPRequest r, int status, String phrase, String why) {
    stats.count(reason);
    return new Answer(SipResponses.answer(r, status, phrase), status, what(r), why);
  }

  private Verdict drop(String reason, String what, String why) {
    stats.count(reason);
    return new Drop(what, why);
  }

  /** {@code "INVITE Call-ID x"} or {@code "200 response Call-ID x"}, for log lines. */
  static String what(SIPMessage m) {
    String kind =
        m instanceof SIPRequest r
            ? r.getMethod()
            : ((SIPResponse) m).getStatusCode() + " response to " + m.getCSeq().getMethod();
    return kind + " Call-ID " + m.getCallId().getCallId();
  }
}
