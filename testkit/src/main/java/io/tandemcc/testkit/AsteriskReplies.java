package io.tandemcc.testkit;

import java.util.ArrayList;
import java.util.List;

/**
 * What an idle Asterisk 22.10.1 answers to the actions every AMI client sends (asterisk-java's
 * login handshake, keep-alive, log-off, CLI commands, empty lists), as the traces recorded them, in
 * wire form: CRLF after every line and a blank line after the frame. {@code id} is the whole {@code
 * ActionID: …} header line to echo. Shared by the scripted peer of the server's tests and the
 * benchmark's peer; the browser tests' peer ({@code webclient/e2e/support/ami-peer.mjs}) holds the
 * same answers in JavaScript.
 */
public final class AsteriskReplies {
  /** The greeting, without the line end (Asterisk 22's AMI version). */
  public static final String BANNER = "Asterisk Call Manager/11.0.0";

  private AsteriskReplies() {}

  /** The {@code ActionID} header line that echoes a client's id (an absent id is echoed empty). */
  public static String id(String actionId) {
    return "ActionID: " + (actionId == null ? "" : actionId);
  }

  /** One frame on the wire. */
  public static String frame(String... lines) {
    return frame(List.of(lines));
  }

  public static String frame(List<String> lines) {
    StringBuilder out = new StringBuilder();
    for (String line : lines) {
      out.append(line).append("\r\n");
    }
    return out.append("\r\n").toString();
  }

  public static String challenge(String id) {
    return frame("Response: Success", id, "Challenge: 184302811");
  }

  /** Any secret is accepted. */
  public static String loginAccepted(String id) {
    return frame("Response: Success", id, "Message: Authentication accepted");
  }

  /** The event that follows a login once Asterisk has booted. */
  public static String fullyBooted(int uptimeSeconds) {
    return frame(
        "Event: FullyBooted",
        "Privilege: system,all",
        "Uptime: " + uptimeSeconds,
        "LastReload: " + uptimeSeconds,
        "Status: Fully Booted");
  }

  public static String coreSettings(String id) {
    return frame(
        "Response: Success",
        id,
        "AMIversion: 11.0.0",
        "AsteriskVersion: 22.10.1",
        "SystemName: ",
        "CoreMaxCalls: 0",
        "CoreMaxLoadAvg: 0.000000",
        "CoreRunUser: ",
        "CoreRunGroup: ",
        "CoreMaxFilehandles: 0",
        "CoreRealTimeEnabled: No",
        "CoreCDRenabled: Yes",
        "CoreHTTPenabled: No",
        "SoundsSearchCustomDir: No");
  }

  public static String pong(String id) {
    return frame(
        "Response: Success", id, "Ping: Pong", "Timestamp: " + System.currentTimeMillis() / 1000.0);
  }

  /** The answer to Logoff; Asterisk then closes the connection. */
  public static String goodbye(String id) {
    return frame("Response: Goodbye", id, "Message: Thanks for all the fish.");
  }

  /**
   * A CLI command's output. Asterisk 22 always sends at least one {@code Output} line (empty when
   * the command printed nothing); asterisk-java's reader fails on a Command response without any.
   */
  public static String commandOutput(String id, List<String> output) {
    List<String> lines =
        new ArrayList<>(List.of("Response: Success", id, "Message: Command output follows"));
    for (String line : output.isEmpty() ? List.of("") : output) {
      lines.add("Output: " + line);
    }
    return frame(lines);
  }

  /**
   * A list action with no items, e.g. {@code emptyList(id, "Channels will follow",
   * "CoreShowChannelsComplete")}.
   */
  public static String emptyList(String id, String message, String completeEvent) {
    return frame("Response: Success", id, "EventList: start", "Message: " + message)
        + frame("Event: " + completeEvent, id, "EventList: Complete", "ListItems: 0");
  }

  public static String unknownCommand(String id, String action) {
    return frame(
        "Response: Error",
        id,
        "Message: Invalid/unknown command: "
            + action
            + ". Use Action: ListCommands to show available commands.");
  }
}
