package io.tandemcc.pbx.ami;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One AMI frame (action, response or event) as lines {@code Name: value}; header names compare
 * case-insensitively.
 */
record AmiFrame(List<String> lines) {

  AmiFrame {
    lines = List.copyOf(lines);
  }

  static AmiFrame of(String... lines) {
    return new AmiFrame(Arrays.asList(lines));
  }

  /** The value of the first header with that name, or null. */
  String get(String name) {
    for (String line : lines) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
        return line.substring(colon + 1).trim();
      }
    }
    return null;
  }

  boolean has(String name) {
    return get(name) != null;
  }

  String action() {
    return get("Action");
  }

  String event() {
    return get("Event");
  }

  String actionId() {
    return get("ActionID");
  }

  boolean isBanner() {
    return lines.size() == 1 && lines.get(0).contains("Call Manager/");
  }

  AmiFrame withActionId(String actionId) {
    List<String> copy = new ArrayList<>(lines.size());
    for (String line : lines) {
      copy.add(
          line.toLowerCase(Locale.ROOT).startsWith("actionid:") ? "ActionID: " + actionId : line);
    }
    return new AmiFrame(copy);
  }

  AmiFrame without(String name) {
    List<String> copy = new ArrayList<>(lines.size());
    for (String line : lines) {
      int colon = line.indexOf(':');
      if (colon <= 0 || !line.substring(0, colon).trim().equalsIgnoreCase(name)) {
        copy.add(line);
      }
    }
    return new AmiFrame(copy);
  }

  /**
   * The bytes Asterisk would send: CRLF after every line and a blank line at the end (none after
   * the banner).
   */
  String toWire() {
    StringBuilder out = new StringBuilder();
    for (String line : lines) {
      out.append(line).append("\r\n");
    }
    if (!isBanner()) {
      out.append("\r\n");
    }
    return out.toString();
  }
}
