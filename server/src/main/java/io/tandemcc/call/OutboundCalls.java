package io.tandemcc.call;

import io.tandemcc.agent.CallKind;
import io.tandemcc.tenant.OutboundClaim;
import io.tandemcc.tenant.OutboundRules;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * Counts the outside calls in progress, per tenant and per agent, for the caps of the tenant's
 * outbound rules (docs/call-control.md "Outbound rules"). Nothing is counted up and down: the count
 * is read off the live calls the call verticle follows from the PBX's events, so a call stops
 * counting when its hang-up ends it there. An outside call is
 *
 * <ul>
 *   <li>an outbound call (the webphone's INVITE to a number, click-to-dial): it counts for the
 *       agent who dialled it;
 *   <li>a consultation of a number, asked or in progress: for the agent who consults;
 *   <li>each number party of a conference, ringing or in the room: for the agent who has the call;
 *   <li>a claim granted and not yet seen among those ({@link OutboundClaim}): the few seconds
 *       between the check and the PBX's first event of the call, or the ring time of a blind
 *       transfer to a number, after which the server no longer follows the call (the agent left
 *       it).
 * </ul>
 *
 * Runs on the call verticle's context, which owns {@code live} and the conferences.
 */
final class OutboundCalls {
  private final LiveCalls live;
  private final Conferences conferences;
  private final Clock clock;
  private final List<Claim> claims = new ArrayList<>();

  private record Claim(long tenantId, long agentId, String id, Instant until) {}

  OutboundCalls(LiveCalls live, Conferences conferences, Clock clock) {
    this.live = live;
    this.conferences = conferences;
    this.clock = clock;
  }

  /** Counts, checks and (granted) holds a place, in one step. */
  OutboundClaim.Reply claim(OutboundClaim c) {
    Optional<OutboundRules.Refusal> refusal =
        check(c.tenantId(), c.agentId(), c.maxPerTenant(), c.maxPerAgent());
    if (refusal.isPresent()) {
      return new OutboundClaim.Reply(refusal.get());
    }
    claims.add(new Claim(c.tenantId(), c.agentId(), c.claimId(), clock.instant().plus(c.hold())));
    return new OutboundClaim.Reply(null);
  }

  /** Whether one more outside call of the agent is within the caps, counting what is live now. */
  Optional<OutboundRules.Refusal> check(
      long tenantId, long agentId, int maxPerTenant, int maxPerAgent) {
    expire();
    int[] n = count(tenantId, agentId);
    return new OutboundRules(
            null, List.of(), List.of(), List.of(), false, false, maxPerTenant, maxPerAgent)
        .checkCaps(n[0], n[1]);
  }

  void release(String claimId) {
    claims.removeIf(c -> c.id().equals(claimId));
  }

  /**
   * An outside call of the agent is now among the live calls: its claim (the oldest) is no longer
   * needed.
   */
  void seen(long tenantId, long agentId) {
    for (Iterator<Claim> it = claims.iterator(); it.hasNext(); ) {
      Claim c = it.next();
      if (c.tenantId() == tenantId && c.agentId() == agentId) {
        it.remove();
        return;
      }
    }
  }

  /** {tenant's outside calls, the agent's}. */
  int[] count(long tenantId, long agentId) {
    int tenant = 0;
    int agent = 0;
    for (LiveCall c : live.values()) {
      if (c.tenantId != tenantId) {
        continue;
      }
      if (c.kind == CallKind.OUTBOUND && c.dialledBy != null) {
        tenant++;
        agent += c.dialledBy == agentId ? 1 : 0;
      }
      boolean consultsNumber =
          c.consultNumberRequested != null || c.consult != null && c.consult.agentId() == null;
      // a conference replaces the consultation it was made from (its number is a party then)
      int numbers =
          conferences
              .of(tenantId, c.callId)
              .map(
                  conf ->
                      (int)
                          conf.parties.values().stream()
                              .filter(p -> "number".equals(p.kind))
                              .count())
              .orElse(consultsNumber ? 1 : 0);
      tenant += numbers;
      agent += c.answeredBy != null && c.answeredBy == agentId ? numbers : 0;
    }
    for (Claim c : claims) {
      if (c.tenantId() == tenantId) {
        tenant++;
        agent += c.agentId() == agentId ? 1 : 0;
      }
    }
    return new int[] {tenant, agent};
  }

  private void expire() {
    Instant now = clock.instant();
    claims.removeIf(c -> !c.until().isAfter(now));
  }
}
