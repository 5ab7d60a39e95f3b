package io.tandemcc.tenant;

import java.time.Duration;

/**
 * Asks the owner of live calls (call.CallVerticle, which counts them) for one more outside call of
 * an agent, within the tenant's caps: granted, it holds a place until the call shows up among the
 * live calls (its PBX events) or {@code hold} has passed; refused, the reply names the cap.
 * Counting and granting happen in one step on the owner's context, so two simultaneous requests
 * cannot both take the last place. {@code number} null releases the claim {@code claimId} (the PBX
 * refused the call; no reply).
 */
public record OutboundClaim(
    long tenantId,
    long agentId,
    String claimId,
    int maxPerTenant,
    int maxPerAgent,
    Duration hold,
    String number) {

  /**
   * {@link OutboundClaim} → reply {@link Reply}; release: no reply. Handled by call.CallVerticle.
   */
  public static final String ADDRESS = "call.outbound.claim";

  public static final String RELEASE = "call.outbound.release";

  /** {@code refusal} null: granted. */
  public record Reply(OutboundRules.Refusal refusal) {}
}
