package io.tandemcc.pbx.ami;

import io.tandemcc.pbx.ami.AmiScript.Banner;
import io.tandemcc.pbx.ami.AmiScript.End;
import io.tandemcc.pbx.ami.AmiScript.Expect;
import io.tandemcc.pbx.ami.AmiScript.Send;
import io.tandemcc.pbx.ami.AmiScript.Step;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Hand-made scripts for what no trace shows (errors, garbage); frames are written the way Asterisk
 * 22 writes them.
 */
final class Scripts {
  private Scripts() {}

  /** Banner, a successful login, FullyBooted, then {@code steps}, then the end of the script. */
  static AmiScript loggedIn(Step... steps) {
    List<Step> all = new ArrayList<>();
    all.add(new Banner(AmiFrame.of("Asterisk Call Manager/11.0.0")));
    all.add(
        new Expect(
            AmiFrame.of("Action: Login", "ActionID: 1"),
            List.of(
                AmiFrame.of(
                    "Response: Success", "ActionID: 1", "Message: Authentication accepted")),
            true));
    all.add(
        event(
            "Event: FullyBooted",
            "Privilege: system,all",
            "Uptime: 4",
            "LastReload: 4",
            "Status: Fully Booted"));
    all.addAll(Arrays.asList(steps));
    all.add(new End());
    return new AmiScript(all);
  }

  static Send event(String... lines) {
    return new Send(AmiFrame.of(lines));
  }

  /**
   * An action the client may send, answered with {@code replies} (their ActionID is rewritten
   * anyway).
   */
  static Expect answer(String action, AmiFrame... replies) {
    return new Expect(AmiFrame.of("Action: " + action, "ActionID: x"), List.of(replies), false);
  }

  static AmiFrame error(String message) {
    return AmiFrame.of("Response: Error", "ActionID: x", "Message: " + message);
  }

  static AmiFrame frame(String... lines) {
    return AmiFrame.of(lines);
  }

  static Send queueMemberAdded(String queue, String iface, String name) {
    return event(
        "Event: QueueMemberAdded",
        "Privilege: agent,all",
        "Queue: " + queue,
        "MemberName: " + name,
        "Interface: " + iface,
        "StateInterface: " + iface,
        "Membership: dynamic",
        "Penalty: 0",
        "CallsTaken: 0",
        "LastCall: 0",
        "LastPause: 0",
        "LoginTime: 1795315375",
        "InCall: 0",
        "Status: 1",
        "Paused: 0",
        "PausedReason: ",
        "Ringinuse: 0",
        "Wrapuptime: 0");
  }
}
