package io.tandemcc.pbx.ami;

import io.tandemcc.pbx.ReattachDial;
import io.tandemcc.pbx.ReattachHold;
import io.tandemcc.pbx.provisioning.PbxNames;
import org.asteriskjava.manager.action.BridgeAction;
import org.asteriskjava.manager.action.OriginateAction;
import org.asteriskjava.manager.action.RedirectAction;
import org.asteriskjava.manager.action.SetVarAction;

/**
 * The AMI side of reload survival (docs/webphone.md; the dialplan is asterisk-conf/extensions.conf
 * {@code [tandem-reattach]} and the generated {@code <tenant>-reattach}). Every action and field
 * here is documented for Asterisk 22: {@code Setvar} (Channel, Variable, Value), {@code Redirect}
 * (Channel, Context, Exten, Priority), {@code Originate} (Channel, Context, Exten, Priority,
 * Timeout, CallerID, Variable, Async) and {@code Bridge} (Channel1, Channel2, Tone).
 */
final class ReattachActions {
  static final String NOT_ANSWERED = "the agent's phone did not take the call back";

  /** How long the customer waits (MusicOnHold's duration in [tandem-reattach]). */
  static final String GRACE = "TANDEM_REATTACH_GRACE";

  /**
   * Set on the customer just before the Bridge: after that bridge the customer's call ends instead
   * of requeueing.
   */
  static final String REATTACHED = "TANDEM_REATTACHED";

  /**
   * The header the webphone recognises; its value is the call's id (checked by the server, then
   * answered).
   */
  static final String HEADER = "X-Tandem-Reattach";

  static final String ADD_HEADER = "PJSIP_HEADER(add," + HEADER + ")";

  private ReattachActions() {}

  /** First of the hold: the grace, read by MusicOnHold in the holding context. */
  static SetVarAction grace(String customerChannel, ReattachHold hold) {
    return new SetVarAction(customerChannel, GRACE, Integer.toString(hold.graceSeconds()));
  }

  /**
   * Then: out of the bridge into {@code <tenant>-reattach}, extension = the queue to go back to or
   * "hangup".
   */
  static RedirectAction redirect(String customerChannel, ReattachHold hold) {
    String exten = hold.requeueTo() == null ? PbxNames.REATTACH_HANGUP : hold.requeueTo().pbxName();
    return new RedirectAction(customerChannel, PbxNames.reattachContext(hold.tenant()), exten, 1);
  }

  /**
   * The agent's new leg: the phone is told by the header which call it is and by Call-Info to
   * answer at once; the leg carries the call's tenant and id, so its events belong to the same
   * call.
   */
  static OriginateAction originate(ReattachDial dial) {
    String tenant = dial.agent().tenant();
    OriginateAction action = new OriginateAction();
    action.setChannel(AmiNames.interfaceOf(dial.agent()));
    action.setContext(PbxNames.reattachContext(tenant));
    action.setExten(PbxNames.REATTACH_AGENT);
    action.setPriority(1);
    if (!dial.callerName().isEmpty()) {
      action.setCallerId(AmiNames.callerId(dial.callerName(), PbxNames.REATTACH_AGENT));
    }
    action.setTimeout(dial.ringTimeout().toMillis());
    action.setAsync(true);
    action.setVariable("__" + ChannelVars.TENANT, tenant);
    action.setVariable("__" + ChannelVars.CALL_ID, dial.callId());
    action.setVariable(ADD_HEADER, dial.callId());
    action.setVariable(AmiNames.ADD_CALL_INFO, AmiNames.AUTO_ANSWER_CALL_INFO);
    return action;
  }

  /** Before the Bridge: marks the customer so that the end of the new bridge ends the call. */
  static SetVarAction reattached(String customerChannel) {
    return new SetVarAction(customerChannel, REATTACHED, "1");
  }

  /**
   * The customer (in MusicOnHold) and the agent's answered new leg into one bridge; no tone to
   * either.
   */
  static BridgeAction bridge(String customerChannel, String agentChannel) {
    return new BridgeAction(customerChannel, agentChannel, false);
  }
}
