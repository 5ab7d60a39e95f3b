package io.tandemcc.call;

/**
 * Keeps the consultation and recording of a live call as the PBX's events show them, and tells the
 * agents concerned ({@link CallConsultChanged} to the consulting agent, {@link
 * CallRecordingChanged} to every agent on the call) through the effects of the {@link CallTracker}
 * step it is part of. Plain Java.
 */
final class CallControlFeed {
  private CallControlFeed() {}

  /**
   * The consulted agent's phone rings (its leg of the call was offered while the owner talks to the
   * customer).
   */
  static void consultRinging(Effects out, LiveCall c, long targetAgentId, String displayName) {
    c.consultNumberRequested = null;
    change(out, c, new ConsultView(targetAgentId, displayName, null, ConsultView.RINGING));
  }

  /** The consulted agent answered. */
  static void consultAnswered(Effects out, LiveCall c) {
    if (c.consult != null) {
      change(out, c, c.consult.answered());
    }
  }

  /**
   * The owner's leg was held: when the owner asked to consult a number, this is the PBX starting
   * that consultation (Atxfer holds the customer, then dials; the outside leg raises no agent
   * event, so it shows as ringing until it ends).
   */
  static void ownerHeld(Effects out, LiveCall c) {
    if (c.consultNumberRequested != null && c.consult == null) {
      change(out, c, new ConsultView(null, null, c.consultNumberRequested, ConsultView.RINGING));
      c.consultNumberRequested = null;
    }
  }

  /**
   * The owner's leg was taken off hold: a consultation of a number was cancelled (CancelAtxfer
   * unholds).
   */
  static void ownerUnheld(Effects out, LiveCall c) {
    if (c.consult != null && c.consult.agentId() == null) {
      ended(out, c);
    }
  }

  /**
   * The PBX dialled (or the far end answered) an outside leg of the call: while the owner consults
   * a number, that is the number's own leg (Atxfer dials it through a Local pair); its answer means
   * the two are talking.
   */
  static void outsideLeg(Effects out, LiveCall c, String channelId, boolean answered) {
    if (c.consult == null || c.consult.agentId() != null) {
      return;
    }
    c.consultNumberChannel = channelId;
    if (answered && !ConsultView.TALKING.equals(c.consult.state())) {
      change(out, c, c.consult.answered());
    }
  }

  /**
   * An outside leg of the call ended: when it is the consulted number's leg, the number hung up (or
   * was busy, or did not answer) and the consultation is over; the agent is left with the held
   * customer.
   */
  static void outsideLegEnded(Effects out, LiveCall c, String channelId) {
    if (c.consult != null
        && c.consult.agentId() == null
        && channelId.equals(c.consultNumberChannel)) {
      ended(out, c);
    }
  }

  /**
   * The consultation is over (target hung up or refused, cancelled, completed, or the owner's call
   * ended).
   */
  static void ended(Effects out, LiveCall c) {
    c.consultNumberRequested = null;
    c.consultNumberChannel = null;
    if (c.consult != null) {
      change(out, c, null);
    }
  }

  static void requested(Effects out, LiveCall c, String number) {
    c.consultNumberRequested = number;
  }

  private static void change(Effects out, LiveCall c, ConsultView consult) {
    c.consult = consult;
    if (c.answeredBy != null) {
      out.publish(
          CallAddresses.CONSULT_CHANGED,
          new CallConsultChanged(c.tenantId, c.answeredBy, c.callId, consult));
    }
  }
}
