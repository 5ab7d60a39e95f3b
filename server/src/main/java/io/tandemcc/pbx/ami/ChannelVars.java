package io.tandemcc.pbx.ami;

import io.tandemcc.pbx.PbxText;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Our channel variables ({@code CC_TENANT}, {@code CC_CALLID}, {@code CC_VAR1..CC_VAR10}) as seen
 * on one channel: names without the inheritance underscores, values with Asterisk's C escaping and
 * our own encoding undone.
 */
final class ChannelVars {
  static final String TENANT = "CC_TENANT";
  static final String CALL_ID = "CC_CALLID";
  private static final String PREFIX = "CC_";
  static final String VAR_PREFIX = "CC_VAR";
  private static final String ATTACHED_PREFIX = VAR_PREFIX;
  private static final int ATTACHED_MAX = 10;

  private static final ChannelVars NONE = new ChannelVars(Map.of());

  private final Map<String, String> values;

  private ChannelVars(Map<String, String> values) {
    this.values = values;
  }

  static ChannelVars none() {
    return NONE;
  }

  /** From the {@code ChanVariable: NAME=value} fields of an event (raw, escaped values). */
  static ChannelVars fromEvent(Map<String, String> chanVariables) {
    if (chanVariables == null || chanVariables.isEmpty()) {
      return NONE;
    }
    Map<String, String> ours = new HashMap<>();
    chanVariables.forEach(
        (name, value) -> {
          String plain = plainName(name);
          if (isOurs(plain)) {
            ours.put(plain, PbxText.decodeVariable(unescape(value)));
          }
        });
    return new ChannelVars(Collections.unmodifiableMap(ours));
  }

  /**
   * A value as the server sets it in an Originate: plain, or marked and percent-encoded so that
   * Asterisk's comma splitting cannot turn it into more variables ({@link PbxText}); {@link
   * #fromEvent} decodes it again.
   */
  static String encode(String value) {
    return PbxText.encodeVariable(value);
  }

  /** Variables of {@code this}, replaced by those {@code newer} also has. */
  ChannelVars overriddenBy(ChannelVars newer) {
    if (newer.values.isEmpty()) {
      return this;
    }
    if (values.isEmpty()) {
      return newer;
    }
    Map<String, String> merged = new HashMap<>(values);
    merged.putAll(newer.values);
    return new ChannelVars(Collections.unmodifiableMap(merged));
  }

  Optional<String> tenant() {
    return nonEmpty(TENANT);
  }

  Optional<String> callId() {
    return nonEmpty(CALL_ID);
  }

  /**
   * Position → value of CC_VAR1..CC_VAR10, in position order; variables not reported at all are
   * absent.
   */
  Map<Integer, String> attachedData() {
    Map<Integer, String> data = new TreeMap<>();
    for (int position = 1; position <= ATTACHED_MAX; position++) {
      String value = values.get(ATTACHED_PREFIX + position);
      if (value != null) {
        data.put(position, value);
      }
    }
    return data;
  }

  private Optional<String> nonEmpty(String name) {
    String value = values.get(name);
    return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
  }

  /**
   * {@code __CC_VAR1} (inherited by all descendants) and {@code _CC_VAR1} are both {@code CC_VAR1}.
   */
  static String plainName(String name) {
    int start = 0;
    while (start < name.length() && name.charAt(start) == '_') {
      start++;
    }
    return name.substring(start);
  }

  static boolean isOurs(String plainName) {
    return plainName.startsWith(PREFIX);
  }

  /**
   * Undoes Asterisk's {@code ast_escape_c}: {@code \"} → {@code "}, {@code \?} → {@code ?}, {@code
   * \\} → {@code \}.
   */
  static String unescape(String value) {
    if (value == null) {
      return "";
    }
    if (value.indexOf('\\') < 0) {
      return value;
    }
    StringBuilder out = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c != '\\' || i == value.length() - 1) {
        out.append(c);
        continue;
      }
      char next = value.charAt(++i);
      out.append(
          switch (next) {
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'a' -> '\u0007';
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'v' -> '\u000b';
            default -> next; // \" \' \? \\ and anything unexpected: the character itself
          });
    }
    return out.toString();
  }
}
