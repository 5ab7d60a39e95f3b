package io.tandemcc.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.tandemcc.sip.Verdict.Forward;
import io.tandemcc.support.SipTraces;
import io.tandemcc.support.SipTraces.Frame;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Mutates every browser message of the recorded traces (seeded, so a failure replays) and checks
 * what the guard forwards with an oracle of its own, written independently of {@link SipFraming}
 * and {@link SipGuard}: exactly one message with every singleton header once and a true
 * Content-Length, no identity but the agent's (From user, REGISTER target, Contact user, digest
 * username), no REFER, no To tag on OPTIONS/REGISTER/MESSAGE/PUBLISH, and in-dialog requests only
 * in the trace's real dialogs. The guard must never throw.
 */
@DisplayName("The SIP guard, fuzzed with mutations of the recorded traces")
class SipGuardFuzzTest {
  private static final SipIdentity ALICE =
      new SipIdentity(1, "acme", 10, 100L, 1000, "1001", "Alice Agent");
  private static final long SEED = 20261213L;
  private static final int CASES = 4000;

  /**
   * Users the browser is known by: its endpoint, and the contact user JsSIP chose (Asterisk's To in
   * its calls).
   */
  private static final Set<String> OWN_USERS = Set.of("acme-1001", "o09i6sgn");

  private static final String[] FOREIGN = {
    "acme-1002", "globex-1001", "acme-10011", "ACME-1001", "1001"
  };
  private static final String[] TRACES = {
    "01", "02", "03", "04", "04+05", "04+06", "07", "09", "10"
  };
  private static final Map<String, String> COMPACT =
      Map.of(
          "f",
          "from",
          "t",
          "to",
          "i",
          "call-id",
          "l",
          "content-length",
          "c",
          "content-type",
          "m",
          "contact",
          "e",
          "content-encoding",
          "v",
          "via");
  private static final Set<String> SINGLE =
      Set.of(
          "from",
          "to",
          "call-id",
          "cseq",
          "content-length",
          "max-forwards",
          "content-type",
          "expires");

  private final Random random = new Random(SEED);

  @Test
  @DisplayName(
      "4000 mutated browser messages: nothing forwarded claims another identity, nothing throws")
  void fuzz() {
    List<List<Frame>> traces = new ArrayList<>();
    for (String t : TRACES) {
      List<Frame> frames = new ArrayList<>();
      for (String part : t.split("\\+")) {
        frames.addAll(SipTraces.load(part));
      }
      traces.add(frames);
    }
    int forwarded = 0;
    for (int n = 0; n < CASES; n++) {
      List<Frame> trace = traces.get(random.nextInt(traces.size()));
      List<Integer> browserFrames = new ArrayList<>();
      for (int i = 0; i < trace.size(); i++) {
        if (trace.get(i).toAsterisk() && trace.get(i).text().length() > 4) {
          browserFrames.add(i);
        }
      }
      int target = browserFrames.get(random.nextInt(browserFrames.size()));
      String original = trace.get(target).text();
      String mutated = mutate(original, trace);
      SipGuard guard = new SipGuard(ALICE);
      try {
        for (int i = 0; i < target; i++) {
          Frame f = trace.get(i);
          Verdict v = f.toAsterisk() ? guard.fromBrowser(f.bytes()) : guard.fromUpstream(f.bytes());
          if (f.toAsterisk() && v instanceof Forward fw) {
            guard.accepted(fw.message());
          }
        }
        Verdict v = guard.fromBrowser(mutated.getBytes(StandardCharsets.UTF_8));
        guard.throttled(mutated.getBytes(StandardCharsets.UTF_8), 1);
        guard.fromUpstream(mutated.getBytes(StandardCharsets.UTF_8));
        if (v instanceof Forward fw) {
          forwarded++;
          String problem = oracle(mutated, trace);
          if (problem != null) {
            fail("case %d (seed %d): forwarded although %s:%n%s", n, SEED, problem, mutated);
          }
          guard.accepted(fw.message());
        }
      } catch (RuntimeException e) {
        throw new AssertionError("case " + n + " threw on:\n" + mutated, e);
      }
    }
    // the mutations are not all fatal: a share (e.g. a changed header case) must still pass
    assertThat(forwarded).isBetween(CASES / 50, CASES * 9 / 10);
  }

  // ---------------------------------------------------------------- mutations

  private String mutate(String frame, List<Frame> trace) {
    String m = frame;
    int count = 1 + random.nextInt(2);
    for (int i = 0; i < count; i++) {
      m = MUTATIONS.get(random.nextInt(MUTATIONS.size())).apply(this, m);
    }
    return m;
  }

  private String foreign() {
    return FOREIGN[random.nextInt(FOREIGN.length)];
  }

  private final List<BiFunction<SipGuardFuzzTest, String, String>> MUTATIONS =
      List.of(
          // a header line repeated, as is or as another identity
          (t, m) -> insertHeader(m, randomHeader(m).replace("acme-1001", foreign())),
          // compact-form twins
          (t, m) ->
              insertHeader(m, "f: <sip:" + foreign() + "@127.0.0.1>;tag=fz" + random.nextInt(99)),
          (t, m) -> insertHeader(m, "t: <sip:" + foreign() + "@127.0.0.1>"),
          (t, m) -> insertHeader(m, "i: fuzz-" + random.nextInt(9)),
          (t, m) -> insertHeader(m, "l: " + random.nextInt(5)),
          (t, m) -> insertHeader(m, "Content-Length: " + random.nextInt(3000)),
          // folding
          (t, m) -> m.replaceFirst("\r\n(To|From|Contact|Call-ID): ", "\r\n$1:\r\n  "),
          (t, m) -> m.replaceFirst("(;tag=)", "\r\n\t$1"),
          // oversized and many headers
          (t, m) -> insertHeader(m, "X-Fuzz: " + "a".repeat(random.nextInt(20_000))),
          (t, m) -> insertHeader(m, "X-Many: 1\r\n".repeat(random.nextInt(200)) + "X-End: 1"),
          // extra bodies and second messages
          (t, m) -> m + foreignMessage(),
          (t, m) -> fixLength(m + foreignMessage()),
          (t, m) ->
              m.replaceFirst("Content-Length: *[0-9]+\r\n", "")
                  + (random.nextBoolean() ? foreignMessage() : ""),
          (t, m) ->
              m.replaceFirst(
                      "Content-Length: *[0-9]+\r\n",
                      "Content-Length: 0\r\nContent-Length: " + foreignMessage().length() + "\r\n")
                  + foreignMessage(),
          (t, m) -> m + "\r\n",
          // tags: made up, removed, swapped, added
          (t, m) ->
              m.replaceFirst(
                  "(\r\nTo: [^\r]*?)(;tag=[^;\r]*)?\r\n",
                  "$1;tag=fuzz" + random.nextInt(99) + "\r\n"),
          (t, m) -> m.replaceFirst("(\r\nTo: [^\r]*?);tag=[^;\r]*", "$1"),
          (t, m) -> swapTags(m),
          (t, m) -> m.replaceFirst("(\r\nFrom: [^\r]*?;tag=)[^;\r]*", "$1fz" + random.nextInt(99)),
          // foreign users in identity positions
          (t, m) -> m.replace("acme-1001", foreign()),
          (t, m) -> m.replaceFirst("(\r\nFrom: [^<\r]*<sip:)[^@]*@", "$1" + foreign() + "@"),
          (t, m) -> m.replaceFirst("(\r\nTo: [^<\r]*<sip:)[^@]*@", "$1" + foreign() + "@"),
          (t, m) -> m.replaceFirst("(\r\nContact: <sip:)[^@]*@", "$1" + foreign() + "@"),
          (t, m) -> m.replaceFirst("username=\"[^\"]*\"", "username=\"" + foreign() + "\""),
          (t, m) -> insertHeader(m, "P-Asserted-Identity: <sip:" + foreign() + "@127.0.0.1>"),
          // CR/LF and NUL in values
          (t, m) ->
              m.replaceFirst(
                  "(\r\nUser-Agent: [^\r]*)",
                  "$1\r\nFrom: <sip:" + foreign() + "@127.0.0.1>;tag=x"),
          (t, m) ->
              m.replaceFirst(
                  "(\r\nUser-Agent: [^\r]*)", "$1\nFrom: <sip:" + foreign() + "@127.0.0.1>;tag=x"),
          (t, m) ->
              m.replaceFirst(
                  "(\r\nMax-Forwards: [^\r]*)", "$1\rTo: <sip:" + foreign() + "@127.0.0.1>"),
          (t, m) -> m.replaceFirst("(\r\nSupported: [^\r]*)", "$1\0"),
          // other methods and targets
          (t, m) ->
              changeMethod(
                  m,
                  new String[] {
                        "REGISTER",
                        "INVITE",
                        "MESSAGE",
                        "REFER",
                        "PUBLISH",
                        "OPTIONS",
                        "SUBSCRIBE",
                        "NOTIFY",
                        "BYE",
                        "CANCEL",
                        "INFO",
                        "UPDATE"
                      }
                      [random.nextInt(12)]),
          (t, m) ->
              m.replaceFirst(
                  "^(INVITE|REGISTER|OPTIONS|BYE) sip:[^@ ]*@",
                  "$1 sip:00900" + random.nextInt(999) + "@"),
          // header name spelling
          (t, m) ->
              m.replaceFirst("\r\nFrom:", "\r\nFROM:")
                  .replaceFirst("\r\nContent-Length:", "\r\ncontent-length:"),
          (t, m) -> m.replaceFirst("\r\n(From|To|Call-ID|Content-Length):", "\r\n$1 :"));

  private String randomHeader(String m) {
    String[] lines = headerBlock(m).split("\r\n");
    return lines.length < 2 ? "X-None: 1" : lines[1 + random.nextInt(lines.length - 1)];
  }

  private String insertHeader(String m, String header) {
    String[] lines = headerBlock(m).split("\r\n", -1);
    int at = 1 + random.nextInt(Math.max(1, lines.length - 1));
    int offset = 0;
    for (int i = 0; i < at; i++) {
      offset += lines[i].length() + 2;
    }
    return m.substring(0, offset) + header + "\r\n" + m.substring(offset);
  }

  private String foreignMessage() {
    String user = foreign();
    return "REGISTER sip:127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/WS x.invalid;branch=z9hG4bKfz\r\nMax-Forwards: 69\r\n"
        + "To: <sip:"
        + user
        + "@127.0.0.1>\r\nFrom: <sip:"
        + user
        + "@127.0.0.1>;tag=fz\r\nCall-ID: fz\r\n"
        + "CSeq: 1 REGISTER\r\nContact: <sip:"
        + user
        + "@x.invalid;transport=ws>\r\nContent-Length: 0\r\n\r\n";
  }

  private static String fixLength(String m) {
    int end = m.indexOf("\r\n\r\n");
    int body = m.getBytes(StandardCharsets.UTF_8).length - end - 4;
    return m.replaceFirst("Content-Length: *[0-9]+", "Content-Length: " + body);
  }

  private static String swapTags(String m) {
    Matcher from = Pattern.compile("\r\nFrom: [^\r]*;tag=([^;\r]*)").matcher(m);
    Matcher to = Pattern.compile("\r\nTo: [^\r]*;tag=([^;\r]*)").matcher(m);
    if (!from.find() || !to.find()) {
      return m;
    }
    String f = from.group(1);
    String t = to.group(1);
    return m.replace("tag=" + f, "tag=\u0001")
        .replace("tag=" + t, "tag=" + f)
        .replace("tag=\u0001", "tag=" + t);
  }

  private static String changeMethod(String m, String method) {
    if (m.startsWith("SIP/2.0")) {
      return m;
    }
    return m.replaceFirst("^[A-Z]+ ", method + " ")
        .replaceFirst("(\r\nCSeq: *[0-9]+) [A-Z]+", "$1 " + method);
  }

  // ---------------------------------------------------------------- the oracle

  private static String headerBlock(String m) {
    int end = m.indexOf("\r\n\r\n");
    return end < 0 ? m : m.substring(0, end);
  }

  /** Null when a forwarded frame is harmless; otherwise what is wrong with it. */
  static String oracle(String frame, List<Frame> trace) {
    byte[] bytes = frame.getBytes(StandardCharsets.UTF_8);
    int end = frame.indexOf("\r\n\r\n");
    if (end < 0) {
      return "there is no end of headers";
    }
    String head = frame.substring(0, end);
    if (head.replace("\r\n", "").matches("(?s).*[\r\n\0].*")) {
      return "a bare CR, LF or NUL is in the headers";
    }
    String[] lines = head.split("\r\n");
    Map<String, List<String>> headers = new java.util.HashMap<>();
    for (int i = 1; i < lines.length; i++) {
      if (lines[i].startsWith(" ") || lines[i].startsWith("\t")) {
        return "a header is folded";
      }
      int colon = lines[i].indexOf(':');
      String name = lines[i].substring(0, Math.max(colon, 0)).trim().toLowerCase(Locale.ROOT);
      name = COMPACT.getOrDefault(name, name);
      headers
          .computeIfAbsent(name, k -> new ArrayList<>())
          .add(lines[i].substring(colon + 1).trim());
    }
    for (String single : SINGLE) {
      if (headers.getOrDefault(single, List.of()).size() > 1) {
        return single + " is repeated";
      }
    }
    List<String> length = headers.get("content-length");
    int body = bytes.length - frame.substring(0, end + 4).getBytes(StandardCharsets.UTF_8).length;
    if (length == null || !length.get(0).equals(String.valueOf(body))) {
      return "Content-Length " + length + " is not the body's " + body + " bytes";
    }
    if (headers.containsKey("p-asserted-identity") || headers.containsKey("p-preferred-identity")) {
      return "it carries an identity header";
    }
    if (frame.startsWith("SIP/2.0")) {
      return contactProblem(headers);
    }
    String method = lines[0].substring(0, lines[0].indexOf(' '));
    String fromUser = user(headers.get("from").get(0));
    if (!OWN_USERS.contains(fromUser)) {
      return "From user " + fromUser;
    }
    String toTag = tag(headers.get("to").get(0));
    if (method.equals("REFER")) {
      return "it is a REFER";
    }
    if (method.equals("REGISTER") && !"acme-1001".equals(user(headers.get("to").get(0)))) {
      return "REGISTER target " + user(headers.get("to").get(0));
    }
    if (toTag != null && Set.of("OPTIONS", "REGISTER", "MESSAGE", "PUBLISH").contains(method)) {
      return method + " has a To tag";
    }
    if (toTag != null
        && !realDialogs(trace)
            .contains(
                headers.get("call-id").get(0)
                    + " "
                    + tag(headers.get("from").get(0))
                    + " "
                    + toTag)) {
      return "its Call-ID and tags are no dialog of the trace";
    }
    for (String auth : headers.getOrDefault("authorization", List.of())) {
      Matcher u = Pattern.compile("username=\"([^\"]*)\"").matcher(auth);
      if (u.find() && !u.group(1).equals("acme-1001")) {
        return "digest username " + u.group(1);
      }
    }
    return contactProblem(headers);
  }

  private static String contactProblem(Map<String, List<String>> headers) {
    for (String contact : headers.getOrDefault("contact", List.of())) {
      String user = user(contact);
      if (user != null && !OWN_USERS.contains(user)) {
        return "Contact user " + user;
      }
    }
    return null;
  }

  /** (Call-ID, From tag, To tag) of every in-dialog request the browser sent in the recording. */
  private static Set<String> realDialogs(List<Frame> trace) {
    Set<String> dialogs = new HashSet<>();
    for (Frame f : trace) {
      if (f.toAsterisk() && !f.text().startsWith("SIP/2.0") && f.text().length() > 4) {
        String head = headerBlock(f.text());
        String to = field(head, "To");
        if (tag(to) != null) {
          dialogs.add(field(head, "Call-ID") + " " + tag(field(head, "From")) + " " + tag(to));
        }
      }
    }
    return dialogs;
  }

  private static String field(String head, String name) {
    for (String line : head.split("\r\n")) {
      if (line.startsWith(name + ":")) {
        return line.substring(name.length() + 1).trim();
      }
    }
    return "";
  }

  private static String user(String value) {
    Matcher m = Pattern.compile("sips?:([^@;>]*)@").matcher(value);
    return m.find() ? m.group(1) : null;
  }

  private static String tag(String value) {
    Matcher m = Pattern.compile(";\\s*tag=([^;\\s>]*)").matcher(value);
    return m.find() ? m.group(1) : null;
  }
}
