package io.tandemcc.pbx.ami;

import io.tandemcc.pbx.ClickToDial;
import java.util.Collection;
import java.util.Optional;
import org.asteriskjava.manager.action.OriginateAction;
import org.asteriskjava.manager.event.OriginateResponseEvent;
import org.asteriskjava.manager.event.ResponseEvent;

/** The Originate of click-to-dial (trace 15) and how its {@code OriginateResponse} reads. */
final class Originates {
  static final String NOT_ANSWERED = "the agent's phone did not answer";

  private Originates() {}

  static OriginateAction of(ClickToDial request) {
    String tenant = request.agent().tenant();
    OriginateAction action = new OriginateAction();
    action.setChannel(AmiNames.interfaceOf(request.agent()));
    action.setContext(AmiNames.agentsContext(tenant));
    action.setExten(request.number());
    action.setPriority(1);
    if (!request.callerName().isEmpty()) {
      action.setCallerId(AmiNames.callerId(request.callerName(), request.number()));
    }
    action.setTimeout(request.ringTimeout().toMillis());
    action.setAsync(true);
    action.setVariable("__" + ChannelVars.TENANT, tenant);
    // encoded: Asterisk splits a Variable value on commas and reads quotes and backslashes
    // (ChannelVars.encode)
    // and checked first: the encoding would carry a line break safely, but no text with one goes to
    // the PBX
    request
        .attachedData()
        .forEach(
            (position, value) ->
                action.setVariable(
                    "__" + ChannelVars.VAR_PREFIX + position,
                    ChannelVars.encode(
                        ActionGuard.requireText("Originate", value, "attached data " + position))));
    if (request.autoAnswer()) {
      action.setVariable(AmiNames.ADD_CALL_INFO, AmiNames.AUTO_ANSWER_CALL_INFO);
    }
    return action;
  }

  /** The agent's leg when the phone answered ({@code Response: Success}, {@code Reason: 4}). */
  static Optional<String> answeredLeg(Collection<ResponseEvent> events) {
    return events.stream()
        .filter(OriginateResponseEvent.class::isInstance)
        .map(OriginateResponseEvent.class::cast)
        .filter(e -> "Success".equalsIgnoreCase(e.getResponse()))
        .map(OriginateResponseEvent::getUniqueId)
        .filter(id -> id != null && !id.isBlank() && !id.equals("<unknown>"))
        .findFirst();
  }
}
