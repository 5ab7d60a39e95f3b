package io.tandemcc.pbx.ami;

import io.tandemcc.pbx.SpyMode;
import io.tandemcc.pbx.SpyRequest;
import java.util.regex.Pattern;
import org.asteriskjava.manager.action.OriginateAction;
import org.asteriskjava.manager.action.PlayDtmfAction;

/**
 * The AMI side of supervision (trace 13): an Originate of the supervisor's phone into ChanSpy, and
 * the DTMF that switches a running ChanSpy between its modes.
 *
 * <p>ChanSpy options: {@code q} no beep or name announcement (the agent hears nothing of it),
 * {@code u} the first argument is the agent's own leg (its channel name or unique id), not a prefix
 * that could match another endpoint's channels or the agent's next call, {@code E} end when that
 * leg ends, {@code S} end at once when it is already gone, {@code d} digits 4, 5 and 6 switch to
 * listen, whisper and barge ({@link SpyMode#digit()}), plus {@code w} (whisper) or {@code B}
 * (barge) for the mode to start in. A switch is a {@code PlayDTMF} with {@code Receive: true} on
 * the spy leg: the digit is taken as if the supervisor's phone had sent it, so ChanSpy changes mode
 * on the same call, and nothing is played to anyone.
 */
final class Spies {
  static final String NOT_ANSWERED = "the supervisor's phone did not answer";
  private static final String OPTIONS = "qudES";

  /** A channel name ({@code PJSIP/acme-1001-00000001}) or unique id ({@code 1795315375.1}). */
  private static final Pattern CHANNEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9/@._;:+-]*");

  private Spies() {}

  /**
   * @param agentChannel the agent's leg as Asterisk names it (channel name, or its unique id)
   */
  static OriginateAction originate(SpyRequest request, String agentChannel) {
    OriginateAction action = new OriginateAction();
    action.setChannel(AmiNames.interfaceOf(request.supervisor()));
    action.setApplication("ChanSpy");
    ActionGuard.requireText("Originate", agentChannel, "agent channel");
    if (!CHANNEL
        .matcher(agentChannel)
        .matches()) { // a comma would add ChanSpy options of the sender's choosing
      throw new IllegalArgumentException(
          "not a channel: " + agentChannel.replaceAll("\\p{Cntrl}", "?"));
    }
    action.setData(agentChannel + "," + options(request.mode()));
    action.setCallerId(AmiNames.callerId(request.callerName(), request.agent().extension()));
    action.setTimeout(request.ringTimeout().toMillis());
    action.setAsync(true);
    // the supervisor's webphone answers a monitoring call by itself
    action.setVariable(AmiNames.ADD_CALL_INFO, AmiNames.AUTO_ANSWER_CALL_INFO);
    return action;
  }

  static String options(SpyMode mode) {
    return switch (mode) {
      case LISTEN -> OPTIONS;
      case WHISPER -> OPTIONS + "w";
      case BARGE -> OPTIONS + "B";
    };
  }

  static PlayDtmfAction switchTo(String spyChannel, SpyMode mode) {
    PlayDtmfAction action = new PlayDtmfAction(spyChannel, String.valueOf(mode.digit()));
    action.setReceive(true);
    return action;
  }
}
