package io.tandemcc.tenant;

import io.tandemcc.common.ApiException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one gate every outside number passes before anything is sent to the PBX (docs/call-control.md
 * "Outbound rules"): the webphone's INVITE, click-to-dial and callbacks, transfers, consultations,
 * conference parties. A number that does not reach the trunk ({@link OutboundRules#reachesTrunk})
 * passes as it is. Otherwise the tenant's rules decide (403 {@code outbound-refused}), then the
 * caps on concurrent outside calls, counted by the owner of live calls ({@link OutboundClaim}; 403
 * {@code outbound-cap}). Each refusal is logged with the number masked and written to the audit log
 * ({@link OutboundAudit}) before it is answered. Thread-safe.
 */
public final class OutboundGate {
  private static final Logger LOG = LoggerFactory.getLogger(OutboundGate.class);
  private static final DeliveryOptions OPTIONS = new DeliveryOptions().setSendTimeout(10_000);
  private final Vertx vertx;
  private final OutboundRulesRepository rules;
  private final OutboundAudit audit;

  public OutboundGate(Vertx vertx, OutboundRulesRepository rules, OutboundAudit audit) {
    this.vertx = vertx;
    this.rules = rules;
    this.audit = audit;
  }

  /**
   * Who dials what, and how. {@code actorUserId} null: the agent's own user (a CRM key dials for
   * it).
   */
  public record Dial(long tenantId, Long actorUserId, long agentId, String number, String via) {}

  /**
   * Admits the call or fails with a 403 {@link ApiException}; admitted, a place under the caps is
   * held for {@code hold} or until the call is among the live calls. Completes with the claim's id
   * (null when the number does not reach the trunk), to be {@link #release released} if the PBX
   * then refuses the call.
   */
  public Future<String> admit(Dial d, Duration hold) {
    if (!OutboundRules.reachesTrunk(d.number())) {
      return Future.succeededFuture(null);
    }
    return checked(d)
        .compose(
            r -> {
              String claimId = UUID.randomUUID().toString();
              return vertx
                  .eventBus()
                  .<OutboundClaim.Reply>request(
                      OutboundClaim.ADDRESS,
                      new OutboundClaim(
                          d.tenantId(),
                          d.agentId(),
                          claimId,
                          r.maxPerTenant(),
                          r.maxPerAgent(),
                          hold,
                          d.number()),
                      OPTIONS)
                  .compose(
                      m ->
                          m.body().refusal() == null
                              ? Future.succeededFuture(claimId)
                              : refuse(d, r, m.body().refusal()));
            });
  }

  /**
   * The tenant's rules on the number only (the caller counts the caps itself, e.g. on the owner's
   * context).
   */
  public Future<OutboundRules> rules(Dial d) {
    if (!OutboundRules.reachesTrunk(d.number())) {
      return Future.succeededFuture(null);
    }
    return checked(d);
  }

  /**
   * The agent's working way, then the tenant's rules on the number; fails (audited) with the first
   * refusal.
   */
  private Future<OutboundRules> checked(Dial d) {
    return rules
        .of(d.tenantId())
        .compose(
            r ->
                rules
                    .inboundOnly(d.tenantId(), d.agentId())
                    .compose(
                        inbound -> {
                          Optional<OutboundRules.Refusal> refusal =
                              inbound
                                  ? Optional.of(
                                      new OutboundRules.Refusal(
                                          OutboundRules.Rule.INBOUND_ONLY,
                                          "You take inbound calls only: outside calls are not part of your work here."))
                                  : r.check(d.number());
                          return refusal.isPresent()
                              ? refuse(d, r, refusal.get())
                              : Future.succeededFuture(r);
                        }));
  }

  /** Frees the place a claim holds (the PBX did not place the call). */
  public void release(long tenantId, long agentId, String claimId) {
    if (claimId != null) {
      vertx
          .eventBus()
          .send(
              OutboundClaim.RELEASE,
              new OutboundClaim(tenantId, agentId, claimId, 0, 0, Duration.ZERO, null));
    }
  }

  /** Logs and audits the refusal, then fails with it. */
  public <T> Future<T> refuse(Dial d, OutboundRules r, OutboundRules.Refusal refusal) {
    String masked = r.mask(d.number());
    LOG.info(
        "tenant {}: {} of agent {} refused by rule {} (number {})",
        d.tenantId(),
        d.via(),
        d.agentId(),
        refusal.rule(),
        masked);
    return audit
        .refused(d.tenantId(), d.actorUserId(), d.agentId(), d.via(), refusal.rule(), masked)
        .compose(v -> Future.failedFuture(refusal(refusal)));
  }

  /**
   * The problem a refusal is answered with: 403 {@code outbound-cap} for a cap, {@code
   * outbound-refused} else.
   */
  public static ApiException refusal(OutboundRules.Refusal refusal) {
    return refusal.rule().isCap()
        ? new ApiException(403, "outbound-cap", "Too many outside calls", refusal.detail())
        : new ApiException(403, "outbound-refused", "Outbound call refused", refusal.detail());
  }
}
