package io.tandemcc.sip;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks a browser frame's raw bytes before any parser reads it, so that jain-sip (which silently
 * keeps the last of two headers) and pjsip (which stops at the first Content-Length and, on its
 * stream transport, reads what follows as a second message) cannot see two different messages in
 * one frame. A frame passes only when it is exactly one message: start line at the first byte,
 * header lines ending in CRLF with no bare CR, LF or NUL, no folding, every singleton header once
 * (long and compact form counted as one), and a Content-Length that is present and equals the bytes
 * after the blank line.
 */
final class SipFraming {
  /**
   * Longest header line and most header lines a browser message may have; JsSIP's are far below.
   */
  static final int MAX_HEADER_LINE = 8 * 1024;

  static final int MAX_HEADERS = 100;

  /**
   * Compact forms (RFC 3261 §7.3.3 and §20: i m e l c f s k t v; RFC 6665: o u; RFC 3515: r; RFC
   * 3892: b; RFC 4028: x; RFC 3841: a j d; RFC 8224: y; RFC 4474: n) mapped to their long names.
   */
  static final Map<String, String> COMPACT =
      Map.ofEntries(
          Map.entry("i", "call-id"),
          Map.entry("m", "contact"),
          Map.entry("e", "content-encoding"),
          Map.entry("l", "content-length"),
          Map.entry("c", "content-type"),
          Map.entry("f", "from"),
          Map.entry("s", "subject"),
          Map.entry("k", "supported"),
          Map.entry("t", "to"),
          Map.entry("v", "via"),
          Map.entry("o", "event"),
          Map.entry("u", "allow-events"),
          Map.entry("r", "refer-to"),
          Map.entry("b", "referred-by"),
          Map.entry("x", "session-expires"),
          Map.entry("a", "accept-contact"),
          Map.entry("j", "reject-contact"),
          Map.entry("d", "request-disposition"),
          Map.entry("y", "identity"),
          Map.entry("n", "identity-info"));

  /**
   * Headers a message carries at most once (RFC 3261 §20 and the extensions above); long names,
   * lower case.
   */
  static final Set<String> SINGLETONS =
      Set.of(
          "from",
          "to",
          "call-id",
          "cseq",
          "content-length",
          "content-type",
          "content-disposition",
          "max-forwards",
          "expires",
          "min-expires",
          "session-expires",
          "min-se",
          "event",
          "refer-to",
          "referred-by",
          "subscription-state",
          "rack",
          "rseq",
          "replaces",
          "subject",
          "date",
          "mime-version",
          "user-agent",
          "priority",
          "retry-after",
          "timestamp",
          "organization",
          "reply-to",
          "in-reply-to",
          "identity",
          "identity-info",
          "p-asserted-identity",
          "p-preferred-identity");

  private SipFraming() {}

  /**
   * Null when the frame is exactly one well-framed message; otherwise what is wrong, for the log
   * and stats.
   */
  static Problem check(byte[] frame) {
    int end = endOfHeaders(frame);
    if (end < 0) {
      return new Problem("framing", "no blank line after the headers");
    }
    Set<String> seen = new HashSet<>();
    long contentLength = -1;
    int lineStart = 0;
    int headers = 0;
    boolean startLine = true;
    while (lineStart < end) {
      int lineEnd = lineEnd(frame, lineStart, end);
      if (lineEnd < 0) {
        return new Problem("framing", "a bare CR, LF or NUL in the headers");
      }
      if (lineEnd - lineStart > MAX_HEADER_LINE) {
        return new Problem("oversized-header", "a header line over " + MAX_HEADER_LINE + " bytes");
      }
      String line = new String(frame, lineStart, lineEnd - lineStart, StandardCharsets.ISO_8859_1);
      lineStart = lineEnd + 2;
      if (startLine) {
        startLine = false;
        if (line.isEmpty() || Character.isWhitespace(line.charAt(0))) {
          return new Problem("framing", "the frame does not start with a start line");
        }
        continue;
      }
      if (line.isEmpty() || line.charAt(0) == ' ' || line.charAt(0) == '\t') {
        return new Problem("folded-header", "a folded header line");
      }
      if (++headers > MAX_HEADERS) {
        return new Problem("oversized-header", "more than " + MAX_HEADERS + " headers");
      }
      int colon = line.indexOf(':');
      String name = colon < 0 ? "" : line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
      if (!isToken(name)) {
        return new Problem("framing", "a header line without a header name");
      }
      name = COMPACT.getOrDefault(name, name);
      if (SINGLETONS.contains(name) && !seen.add(name)) {
        return new Problem("repeated-header", "repeated " + name);
      }
      if (name.equals("content-length")) {
        String value = line.substring(colon + 1).strip();
        if (!value.matches("[0-9]{1,6}")) {
          return new Problem("content-length", "Content-Length '" + printable(value) + "'");
        }
        contentLength = Long.parseLong(value);
      }
    }
    int body = frame.length - end - 4;
    if (contentLength < 0) {
      // a stream transport (pjsip's WebSocket) needs it to know where the message ends
      return new Problem("content-length", "no Content-Length");
    }
    if (contentLength != body) {
      return new Problem(
          "content-length",
          "Content-Length " + contentLength + " but the body has " + body + " bytes");
    }
    return null;
  }

  /**
   * Why a frame was refused: a stable {@code reason} (counted in {@link SipStats}) and the detail
   * for the log.
   */
  record Problem(String reason, String why) {}

  /** Index of the CRLF CRLF ending the header block, or -1. */
  private static int endOfHeaders(byte[] f) {
    for (int i = 0; i + 3 < f.length; i++) {
      if (f[i] == '\r' && f[i + 1] == '\n' && f[i + 2] == '\r' && f[i + 3] == '\n') {
        return i;
      }
    }
    return -1;
  }

  /**
   * Index of the CR of the CRLF ending the line that starts at {@code from}; -1 on a bare CR, LF or
   * a NUL.
   */
  private static int lineEnd(byte[] f, int from, int end) {
    for (int i = from; i <= end; i++) {
      byte b = f[i];
      if (b == '\r') {
        return i + 1 < f.length && f[i + 1] == '\n' ? i : -1;
      }
      if (b == '\n' || b == 0) {
        return -1;
      }
    }
    return -1;
  }

  private static boolean isToken(String name) {
    if (name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || "-.!%*_+`'~".indexOf(c) >= 0)) {
        return false;
      }
    }
    return true;
  }

  /** A header value for a log line: control characters shown as '?', at most 80 characters. */
  static String printable(String s) {
    String clean = s.replaceAll("[\\p{Cntrl}]", "?");
    return clean.length() > 80 ? clean.substring(0, 80) + "…" : clean;
  }
}
