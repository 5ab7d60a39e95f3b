package io.tandemcc.pbx.ami;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Splits what Asterisk sends on the AMI socket, line by line, into what goes where. Plain Java:
 * {@link AmiLoopSocket} feeds it on the link's event loop.
 *
 * <ul>
 *   <li><b>Events that answer none of our actions</b> (no {@code ActionID}) are read here, into the
 *       attribute map asterisk-java's own reader would build ({@link #attributes}), and handed to
 *       {@link Out#event}: they never cross a thread.
 *   <li><b>Noise</b>, among those events, is dropped after reading its lines and nothing more: what
 *       an {@code eventfilter} in manager.conf would drop, for an Asterisk that sends everything.
 *       {@code VarSet} of any variable but ours ({@code CC_*}, with or without inheritance
 *       underscores), and the events of {@link #UNREAD}, which neither the translator nor
 *       asterisk-java's handling of our actions reads ({@link LinkConnection#UNREAD}, by AMI name).
 *       Most of a queue call's frames are such (bench/RESULTS.md, fix 4).
 *   <li><b>Everything else</b> goes to asterisk-java unchanged, line by line ({@link
 *       Out#toAsteriskJava}): the protocol banner (one line, no blank line after it) at once, and
 *       whole frames with their blank line: responses, and the events that answer our actions (list
 *       items, {@code OriginateResponse}), which its reader correlates by {@code ActionID}. So are
 *       frames that do not start with an {@code Event:} line, which Asterisk never sends.
 * </ul>
 *
 * Not thread-safe: one thread feeds it.
 */
final class AmiFrames {
  /**
   * AMI names (lower case) of the events of {@link LinkConnection#UNREAD}, named as asterisk-java's
   * event builder names an event class: its simple name, lower case, without "Event".
   */
  static final Set<String> UNREAD =
      LinkConnection.UNREAD.stream()
          .map(type -> type.getSimpleName().toLowerCase(Locale.ENGLISH).replaceFirst("event$", ""))
          .collect(Collectors.toUnmodifiableSet());

  private static final String VAR_SET = "varset";

  /** Where the lines of a frame go. */
  interface Out {
    /** A line for asterisk-java's reader, in the order received. */
    void toAsteriskJava(String line);

    /**
     * An event frame of ours, as asterisk-java's reader reads one: keys lower case, values trimmed.
     */
    void event(Map<String, Object> attributes);
  }

  private final Out out;

  /** The lines of the frame being read; empty between frames. */
  private final List<String> frame = new ArrayList<>(32);

  private long dropped;

  AmiFrames(Out out) {
    this.out = out;
  }

  /** One line as received, without its CR LF. */
  void line(String line) {
    if (frame.isEmpty() && (line.isEmpty() || line.indexOf(':') < 0)) {
      out.toAsteriskJava(
          line); // the banner, or a stray line between frames: asterisk-java's to read or skip
      return;
    }
    frame.add(line);
    if (line.isEmpty()) {
      route();
      frame.clear();
    }
  }

  /** Noise frames dropped so far. */
  long dropped() {
    return dropped;
  }

  /**
   * The lines of a frame the connection ended inside, for asterisk-java to see as it came; then
   * starts afresh.
   */
  List<String> unfinished() {
    List<String> lines = List.copyOf(frame);
    frame.clear();
    return lines;
  }

  private void route() {
    String event = eventName(frame.get(0));
    if (event == null || has(frame, "actionid:")) {
      frame.forEach(out::toAsteriskJava);
    } else if (noise(event)) {
      dropped++;
    } else {
      out.event(attributes(frame));
    }
  }

  private boolean noise(String event) {
    if (UNREAD.contains(event)) {
      return true;
    }
    if (!event.equals(VAR_SET)) {
      return false;
    }
    for (String line : frame) {
      String variable = valueOf(line, "variable:");
      if (variable != null) {
        return !ChannelVars.isOurs(ChannelVars.plainName(variable));
      }
    }
    return true;
  }

  /**
   * The attribute map of a frame exactly as asterisk-java's {@code ManagerReaderImpl} builds it:
   * each {@code Key: value} line splits at its first colon, the key lower case and both trimmed,
   * lines without a colon or key skipped; a key seen again turns its value into a list, in order.
   */
  static Map<String, Object> attributes(List<String> frame) {
    Map<String, Object> attributes = new HashMap<>();
    for (String line : frame) {
      int colon = line.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String key = line.substring(0, colon).toLowerCase(Locale.ENGLISH).trim();
      if (key.isEmpty()) {
        continue;
      }
      String value = line.substring(colon + 1).trim();
      Object seen = attributes.putIfAbsent(key, value);
      if (seen instanceof List<?> values) {
        @SuppressWarnings("unchecked")
        List<String> strings = (List<String>) values;
        strings.add(value);
      } else if (seen != null) {
        List<String> values = new ArrayList<>(4);
        values.add((String) seen);
        values.add(value);
        attributes.put(key, values);
      }
    }
    return attributes;
  }

  /**
   * The event name of a frame's first line ({@code Event: VarSet} → varset), or null if it is no
   * event line.
   */
  static String eventName(String line) {
    String value = valueOf(line, "event:");
    return value == null ? null : value.toLowerCase(Locale.ROOT);
  }

  private static boolean has(List<String> frame, String key) {
    for (String line : frame) {
      if (valueOf(line, key) != null) {
        return true;
      }
    }
    return false;
  }

  /**
   * The trimmed value of a {@code Key: value} line whose key (lower case, with colon) is {@code
   * key}, or null.
   */
  private static String valueOf(String line, String key) {
    if (line.length() < key.length() || !line.regionMatches(true, 0, key, 0, key.length())) {
      return null;
    }
    return line.substring(key.length()).trim();
  }
}
