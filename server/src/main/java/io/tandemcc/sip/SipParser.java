package io.tandemcc.sip;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.parser.StringMsgParser;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.sip.header.ContentLengthHeader;
import javax.sip.message.Request;

/**
 * Reads one WebSocket frame as one SIP message (RFC 7118) with jain-sip's parser, strictly: any
 * header jain-sip cannot parse, a missing mandatory header or a Content-Length that does not match
 * the body makes the frame malformed. For a malformed request it tries a lenient second reading, so
 * that a 400 can still be answered.
 */
final class SipParser {
  /** RFC 5626 keep-alives over a connection: a ping is CRLF CRLF, its pong a single CRLF. */
  static final String PING = "\r\n\r\n";

  static final String PONG = "\r\n";
  private static final byte[] END_OF_HEADERS = PING.getBytes(StandardCharsets.US_ASCII);

  static {
    JainSipLogging.install();
  }

  private SipParser() {}

  /** What a frame holds. */
  sealed interface Parsed permits Message, Ping, Pong, Malformed {}

  /** A well-formed SIP request or response. */
  record Message(SIPMessage message) implements Parsed {}

  /** CRLF CRLF. */
  record Ping() implements Parsed {}

  /** CRLF. */
  record Pong() implements Parsed {}

  /**
   * Not a well-formed SIP message. {@code answerable} is the request as far as it could be read,
   * when it has everything a response must copy (Via, From, To, Call-ID, CSeq) and is not an ACK;
   * otherwise null.
   */
  record Malformed(String why, SIPRequest answerable) implements Parsed {}

  /**
   * A message read leniently: every header jain-sip could not parse is left out of {@code message}
   * and listed, as its text, in {@code unparsed}. Null when even that reading fails, or when a
   * header the proxy relies on (Via, From, To, Call-ID, CSeq, Content-Length) is among the
   * unparsed, or the message is otherwise not acceptable.
   */
  record Lenient(SIPMessage message, List<String> unparsed) {}

  /**
   * Headers the proxy needs to route and judge a message; a message whose copy of one is unparsable
   * is refused.
   */
  private static final Set<String> ESSENTIAL =
      Set.of("via", "v", "from", "f", "to", "t", "call-id", "i", "cseq", "content-length", "l");

  static Lenient lenient(byte[] frame) {
    List<String> unparsed = new ArrayList<>();
    try {
      SIPMessage message =
          new StringMsgParser()
              .parseSIPMessage(
                  frame,
                  true,
                  false,
                  (e, m, type, header, text) ->
                      unparsed.add(header == null ? "?" : header.strip()));
      if (message == null || problemOf(message, frame) != null) {
        return null;
      }
      for (String header : unparsed) {
        int colon = header.indexOf(':');
        if (colon < 0
            || ESSENTIAL.contains(header.substring(0, colon).strip().toLowerCase(Locale.ROOT))) {
          return null;
        }
      }
      return new Lenient(message, List.copyOf(unparsed));
    } catch (ParseException | RuntimeException e) {
      return null;
    }
  }

  static Parsed parse(byte[] frame) {
    if (Arrays.equals(frame, END_OF_HEADERS)) {
      return new Ping();
    }
    if (frame.length == 2 && frame[0] == '\r' && frame[1] == '\n') {
      return new Pong();
    }
    String problem;
    try {
      SIPMessage message =
          new StringMsgParser()
              .parseSIPMessage(
                  frame,
                  true,
                  false,
                  (e, m, type, header, text) -> {
                    throw e;
                  });
      problem = message == null ? "empty frame" : problemOf(message, frame);
      if (problem == null) {
        return new Message(message);
      }
    } catch (ParseException | RuntimeException e) {
      problem = "unparsable: " + firstLine(e.getMessage());
    }
    return new Malformed(problem, answerable(frame));
  }

  /** A reason why a parsed message is still not acceptable, or null. */
  private static String problemOf(SIPMessage m, byte[] frame) {
    String missing = missingHeader(m);
    if (missing != null) {
      return "missing " + missing;
    }
    if (m instanceof SIPRequest r) {
      if (!r.getMethod().equals(r.getCSeq().getMethod())) {
        return "CSeq method differs from the request method";
      }
      if (r.getFromTag() == null) {
        return "From without tag";
      }
    }
    int bodyStart = indexOf(frame, END_OF_HEADERS);
    if (bodyStart < 0) {
      return "no blank line after the headers";
    }
    int bodyLength = frame.length - bodyStart - END_OF_HEADERS.length;
    ContentLengthHeader declared = m.getContentLength();
    if (m.getHeader(ContentLengthHeader.NAME) != null
        && declared.getContentLength() != bodyLength) {
      return "Content-Length "
          + declared.getContentLength()
          + " but the body has "
          + bodyLength
          + " bytes";
    }
    return null;
  }

  private static String missingHeader(SIPMessage m) {
    if (m.getTopmostVia() == null) {
      return "Via";
    }
    if (m.getFrom() == null) {
      return "From";
    }
    if (m.getTo() == null) {
      return "To";
    }
    if (m.getCallId() == null) {
      return "Call-ID";
    }
    if (m.getCSeq() == null) {
      return "CSeq";
    }
    return null;
  }

  private static SIPRequest answerable(byte[] frame) {
    try {
      SIPMessage lenient =
          new StringMsgParser().parseSIPMessage(frame, false, false, (e, m, type, header, t) -> {});
      if (lenient instanceof SIPRequest r
          && missingHeader(r) == null
          && !Request.ACK.equals(r.getMethod())) {
        return r;
      }
    } catch (ParseException | RuntimeException e) {
      // not even the headers are readable: nothing to answer
    }
    return null;
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static String firstLine(String text) {
    if (text == null) {
      return "?";
    }
    String line = text.lines().findFirst().orElse("?");
    return line.length() > 120 ? line.substring(0, 120) : line;
  }
}
