package io.tandemcc.pbx.ami;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.asteriskjava.util.SocketConnectionFacade;

/**
 * The AMI socket as asterisk-java's reader sees it, minus the event frames nothing reads: what an
 * {@code eventfilter} in manager.conf would drop, done on our side for an Asterisk that sends everything. asterisk-java
 * reads each frame into a map and builds an event from it by reflection, one frame after the other on its reader
 * thread; a queue call's noise (VarSets of Asterisk's own variables, dialplan steps, device and bridge states: about
 * 140 of a traced call's 178 frames) arrives in the same millisecond as the events that matter and made them wait
 * behind it (bench/RESULTS.md). Dropped here, after reading its lines and nothing more:
 *
 * <ul>
 *   <li>{@code VarSet} of any variable but ours ({@code CC_*}, with or without inheritance underscores): the
 *       translator remembers only ours;
 *   <li>the events of {@link #UNREAD}, which neither the translator nor asterisk-java's handling of our actions reads
 *       (the same list as {@link LinkConnection#UNREAD}, by AMI name).
 * </ul>
 *
 * A frame that carries an {@code ActionID} (an answer to one of our actions) is always kept. Every other line, the
 * protocol banner included, goes through unchanged and at once: only a candidate frame (first line {@code Event:}
 * with one of those names) is held until its blank line, which is when asterisk-java would have handled it anyway.
 * Only asterisk-java's reader thread calls {@link #readLine()}.
 */
final class AmiFrameFilter implements SocketConnectionFacade {
  /** AMI names (lower case) of the events of {@link LinkConnection#UNREAD}. */
  static final Set<String> UNREAD = Set.of("newexten", "devicestatechange", "newstate", "newconnectedline",
      "dialstate", "musiconholdstart", "musiconholdstop", "bridgecreate", "bridgeenter", "bridgeleave",
      "bridgedestroy", "hanguprequest", "softhanguprequest", "rtcpsent", "rtcpreceived", "cdr", "successfulauth");
  private static final String VAR_SET = "varset";

  private final SocketConnectionFacade socket;
  /** Lines of kept frames, to hand out before reading on. */
  private final ArrayDeque<String> ready = new ArrayDeque<>();
  /** The candidate frame being read, or null. */
  private List<String> held;
  private long dropped;

  AmiFrameFilter(SocketConnectionFacade socket) {
    this.socket = socket;
  }

  @Override
  public String readLine() throws IOException {
    while (true) {
      if (!ready.isEmpty()) {
        return ready.poll();
      }
      String line = socket.readLine(); // a timeout or failure here leaves a held frame as it is, for the next call
      if (line == null) {
        if (held != null) {
          ready.addAll(held); // the connection ended inside a frame: hand it on as it came
          held = null;
          continue;
        }
        return null;
      }
      if (held != null) {
        held.add(line);
        if (line.isEmpty()) {
          if (wanted(held)) {
            ready.addAll(held);
          } else {
            dropped++;
          }
          held = null;
        }
        continue;
      }
      String event = eventName(line);
      if (event != null && (event.equals(VAR_SET) || UNREAD.contains(event))) {
        held = new ArrayList<>(24);
        held.add(line);
        continue;
      }
      return line;
    }
  }

  /** Frames dropped so far. */
  long dropped() {
    return dropped;
  }

  /** Whether a held candidate frame (first line its Event, last line blank) must reach asterisk-java after all. */
  static boolean wanted(List<String> frame) {
    boolean varSet = VAR_SET.equals(eventName(frame.get(0)));
    boolean ours = false;
    for (String line : frame) {
      String value = valueOf(line, "actionid:");
      if (value != null) {
        return true;
      }
      value = varSet ? valueOf(line, "variable:") : null;
      if (value != null) {
        ours = ChannelVars.isOurs(ChannelVars.plainName(value));
      }
    }
    return varSet && ours;
  }

  /** The event name of a frame's first line ({@code Event: VarSet} → varset), or null if it is no event line. */
  static String eventName(String line) {
    String value = valueOf(line, "event:");
    return value == null ? null : value.toLowerCase(Locale.ROOT);
  }

  /** The trimmed value of a {@code Key: value} line whose key (lower case, with colon) is {@code key}, or null. */
  private static String valueOf(String line, String key) {
    if (line.length() < key.length() || !line.regionMatches(true, 0, key, 0, key.length())) {
      return null;
    }
    return line.substring(key.length()).trim();
  }

  @Override
  public void write(String s) throws IOException {
    socket.write(s);
  }

  @Override
  public void flush() throws IOException {
    socket.flush();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  @Override
  public boolean isConnected() {
    return socket.isConnected();
  }

  @Override
  public InetAddress getLocalAddress() {
    return socket.getLocalAddress();
  }

  @Override
  public int getLocalPort() {
    return socket.getLocalPort();
  }

  @Override
  public InetAddress getRemoteAddress() {
    return socket.getRemoteAddress();
  }

  @Override
  public int getRemotePort() {
    return socket.getRemotePort();
  }
}
