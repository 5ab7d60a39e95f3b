package io.tandemcc.call;

import io.vertx.core.eventbus.EventBus;

/**
 * Keeps the consultation and recording of a live call as the PBX's events show them, and tells the
 * agents concerned ({@link CallConsultChanged} to the consulting agent, {@link
 * CallRecordingChanged} to every agent on the call). Called by {@link CallVerticle} only, on its
 * context, while it handles the event.
 */
final class CallControlFeed {
  private final EventBus bus;

  CallControlFeed(EventBus bus) {
    this.bus = bus;
  }

  /**
   * The consulted agent's phone rings (its leg of the call was offered while the owner talks to the
   * customer).
   */
  void consultRinging(LiveCall c, long targetAgentId, String displayName) {
    c.consultNumberRequested = null;
    change(c, new ConsultView(targetAgentId, displayName, null, ConsultView.RINGING));
  }

  /** The consulted agent answered. */
  void consultAnswered(LiveCall c) {
    if (c.consult != null) {
      change(c, c.consult.answered());
    }
  }

  /**
   * The owner's leg was held: when the owner asked to consult a number, this is the PBX starting
   * that consultation (Atxfer holds the customer, then dials; the outside leg raises no agent
   * event, so it shows as ringing until it ends).
   */
  void ownerHeld(LiveCall c) {
    if (c.consultNumberRequested != null && c.consult == null) {
      change(c, new ConsultView(null, null, c.consultNumberRequested, ConsultView.RINGING));
      c.consultNumberRequested = null;
    }
  }

  /**
   * The owner's leg was taken off hold: a consultation of a number was cancelled (CancelAtxfer
   * unholds).
   */
  void ownerUnheld(LiveCall c) {
    if (c.consult != null && c.consult.agentId() == null) {
      ended(c);
    }
  }

  /**
   * The PBX dialled (or the far end answered) an outside leg of the call: while the owner consults
   * a number, that is the number's own leg (Atxfer dials it through a Local pair); its answer means
   * the two are talking.
   */
  void outsideLeg(LiveCall c, String channelId, boolean answered) {
    if (c.consult == null || c.consult.agentId() != null) {
      return;
    }
    c.consultNumberChannel = channelId;
    if (answered && !ConsultView.TALKING.equals(c.consult.state())) {
      change(c, c.consult.answered());
    }
  }

  /**
   * An outside leg of the call ended: when it is the consulted number's leg, the number hung up (or
   * was busy, or did not answer) and the consultation is over; the agent is left with the held
   * customer.
   */
  void outsideLegEnded(LiveCall c, String channelId) {
    if (c.consult != null
        && c.consult.agentId() == null
        && channelId.equals(c.consultNumberChannel)) {
      ended(c);
    }
  }

  /**
   * The consultation is over (target hung up or refused, cancelled, completed, or the owner's call
   * ended).
   */
  void ended(LiveCall c) {
    c.consultNumberRequested = null;
    c.consultNumberChannel = null;
    if (c.consult != null) {
      change(c, null);
    }
  }

  void requested(LiveCall c, String number) {
    c.consultNumberRequested = number;
  }

  /**
   * Recording started or stopped on one of the call's legs; {@code agents}: those on the call at
   * that moment.
   */
  void recording(LiveCall c, java.util.Collection<Long> agents, boolean recording) {
    for (Long agentId : agents) {
      bus.publish(
          CallAddresses.RECORDING_CHANGED,
          new CallRecordingChanged(c.tenantId, agentId, c.callId, recording));
    }
  }

  private void change(LiveCall c, ConsultView consult) {
    c.consult = consult;
    if (c.answeredBy != null) {
      bus.publish(
          CallAddresses.CONSULT_CHANGED,
          new CallConsultChanged(c.tenantId, c.answeredBy, c.callId, consult));
    }
  }
}
