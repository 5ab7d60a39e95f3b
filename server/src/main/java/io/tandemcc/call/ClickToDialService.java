package io.tandemcc.call;

import static io.tandemcc.db.generated.Tables.AGENT;
import static io.tandemcc.db.generated.Tables.APP_USER;

import io.tandemcc.agent.AgentEvent;
import io.tandemcc.agent.AgentState;
import io.tandemcc.agent.AgentStateClient;
import io.tandemcc.agent.AgentStatus;
import io.tandemcc.agent.Reason;
import io.tandemcc.common.ApiException;
import io.tandemcc.db.Database;
import io.tandemcc.pbx.AgentEndpoint;
import io.tandemcc.pbx.ClickToDial;
import io.tandemcc.pbx.PbxCommandException;
import io.tandemcc.pbx.PbxLink;
import io.tandemcc.pbx.PbxLinks;
import io.tandemcc.pbx.PbxText;
import io.tandemcc.tenant.OutboundGate;
import io.tandemcc.tenant.TenantDirectory;
import io.tandemcc.tenant.TenantSettings.AttachedDataKey;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Click-to-dial: rings the agent's own phone first (answering by itself when the tenant enables
 * auto-answer) and, once it answered, has the PBX dial the number from it, with attached data by
 * the tenant's key names.
 *
 * <p>The agent's state: a logged-out agent, one on a call or in wrap-up is refused. The call is an
 * outbound call, which needs Not Ready (as for calls dialled on the webphone): a Ready agent is
 * first made Not Ready with reason {@link Reason#OUTBOUND_CALL}, so its queues pause it before its
 * phone rings and no queue call is offered while the originate rings it or while it talks; if its
 * phone does not answer, it is made Ready again. After the call it stays Not Ready, as after any
 * outbound call.
 */
public final class ClickToDialService {
  private static final Logger LOG = LoggerFactory.getLogger(ClickToDialService.class);
  public static final Pattern NUMBER = Pattern.compile("[0-9+*#]{1,32}");
  public static final int MAX_VALUE = 1024;
  static final Duration RING_TIMEOUT = Duration.ofSeconds(20);

  private final Vertx vertx;
  private final Database db;
  private final AgentLocator locator;
  private final TenantDirectory directory;
  private final AgentStateClient agents;
  private final PbxLinks pbx;
  private final OutboundGate gate;

  /** How long after the agent's phone answered the claim waits for the call to be followed. */
  static final Duration OUTBOUND_HOLD = Duration.ofSeconds(15);

  /** Agents whose phone is being rung by click-to-dial now (one at a time per agent). */
  private final Set<String> dialling = java.util.concurrent.ConcurrentHashMap.newKeySet();

  public ClickToDialService(
      Vertx vertx,
      Database db,
      AgentLocator locator,
      TenantDirectory directory,
      AgentStateClient agents,
      PbxLinks pbx,
      OutboundGate gate) {
    this.vertx = vertx;
    this.db = db;
    this.locator = locator;
    this.directory = directory;
    this.agents = agents;
    this.pbx = pbx;
    this.gate = gate;
  }

  /** A request to dial: attached data by the tenant's key names. */
  public record Request(
      long tenantId,
      long agentId,
      String number,
      String customerName,
      Map<String, String> attachedData,
      String cause) {}

  /**
   * The agent of a tenant by username or agent number; 404 {@code unknown-agent} when there is
   * none.
   */
  public Future<Long> agentOf(long tenantId, String who) {
    return db.query(
            dsl ->
                dsl.select(AGENT.ID)
                    .from(AGENT)
                    .join(APP_USER)
                    .on(APP_USER.TENANT_ID.eq(AGENT.TENANT_ID).and(APP_USER.ID.eq(AGENT.USER_ID)))
                    .where(
                        AGENT
                            .TENANT_ID
                            .eq(tenantId)
                            .and(APP_USER.ENABLED.isTrue())
                            .and(APP_USER.USERNAME.eq(who).or(AGENT.AGENT_NUMBER.eq(who))))
                    .limit(1)
                    .fetchOptional(AGENT.ID))
        .compose(
            id ->
                id.<Future<Long>>map(Future::succeededFuture)
                    .orElseGet(
                        () ->
                            Future.failedFuture(
                                new ApiException(
                                    404,
                                    "unknown-agent",
                                    "Not found",
                                    "There is no agent '" + who + "' in your tenant."))));
  }

  /**
   * Dials; completes with the call's id once the agent's phone answered and the number is being
   * dialled.
   */
  public Future<String> dial(Request r) {
    if (r.number() == null || !NUMBER.matcher(r.number()).matches()) {
      return Future.failedFuture(
          ApiException.invalid("'number' must be 1 to 32 characters of digits, '+', '*' and '#'."));
    }
    ApiException badText = textRefusal(r);
    if (badText != null) {
      return Future.failedFuture(badText);
    }
    // the tenant's outbound rules and caps come first: a refused number is refused whether or not
    // the PBX is up;
    // the place under the caps is held until the call is followed, and given back if it is not
    // placed
    return gate.admit(
            new OutboundGate.Dial(r.tenantId(), null, r.agentId(), r.number(), "click-to-dial"),
            RING_TIMEOUT.plus(OUTBOUND_HOLD))
        .compose(
            claim -> dialAllowed(r).onFailure(e -> gate.release(r.tenantId(), r.agentId(), claim)));
  }

  private Future<String> dialAllowed(Request r) {
    Optional<PbxLink> link = pbx.primary().filter(l -> l.status().isUp());
    if (link.isEmpty()) {
      return Future.failedFuture(
          new ApiException(
              503,
              "pbx-unavailable",
              "Unavailable",
              "The phone system cannot be reached; try again in a moment."));
    }
    return directory
        .settings(r.tenantId())
        .compose(
            settings -> {
              Map<String, Integer> positions = new HashMap<>();
              for (AttachedDataKey k : settings.attachedDataKeys()) {
                positions.put(k.name(), k.position());
              }
              Map<Integer, String> data = new HashMap<>();
              for (var e : r.attachedData().entrySet()) {
                Integer position = positions.get(e.getKey());
                if (position == null) {
                  return Future.failedFuture(
                      ApiException.badRequest(
                          "unknown-key",
                          "'" + e.getKey() + "' is not one of your tenant's attached-data keys."));
                }
                if (e.getValue() == null || e.getValue().length() > MAX_VALUE) {
                  return Future.failedFuture(
                      ApiException.invalid(
                          "The value of '"
                              + e.getKey()
                              + "' must be a string of up to "
                              + MAX_VALUE
                              + " characters."));
                }
                data.put(position, e.getValue());
              }
              return locator
                  .byId(r.tenantId(), r.agentId())
                  .compose(
                      ref -> {
                        if (ref.isEmpty()) {
                          return Future.failedFuture(
                              new ApiException(
                                  404, "unknown-agent", "Not found", "There is no such agent."));
                        }
                        String key = r.tenantId() + "/" + r.agentId();
                        if (!dialling.add(key)) {
                          return Future.failedFuture(
                              notAvailable(
                                  ref.get().displayName() + "'s phone is already being rung."));
                        }
                        return place(
                                link.get(), ref.get(), r, data, settings.clickToDialAutoAnswer())
                            .onComplete(ar -> dialling.remove(key));
                      });
            });
  }

  private Future<String> place(
      PbxLink link, AgentRef agent, Request r, Map<Integer, String> data, boolean autoAnswer) {
    return agents
        .current(r.tenantId(), r.agentId())
        .compose(
            state -> {
              String refusal = refusal(agent.displayName(), state);
              if (refusal != null) {
                return Future.failedFuture(notAvailable(refusal));
              }
              boolean wasReady = state.status() == AgentStatus.READY;
              Future<?> notReady =
                  wasReady
                      ? agents.require(
                          r.tenantId(),
                          r.agentId(),
                          new AgentEvent.NotReadyRequested(Reason.OUTBOUND_CALL),
                          r.cause())
                      : Future.succeededFuture();
              ClickToDial request =
                  new ClickToDial(
                      new AgentEndpoint(agent.domain(), agent.extension()),
                      r.number(),
                      r.customerName(),
                      data,
                      autoAnswer,
                      RING_TIMEOUT);
              return notReady
                  .compose(v -> link.commands().originate(request))
                  .compose(
                      leg -> {
                        LOG.info(
                            "tenant {}: click-to-dial call {} of agent {} to a number of {} characters",
                            agent.domain(),
                            leg,
                            agent.agentNumber(),
                            r.number().length());
                        vertx
                            .eventBus()
                            .send(
                                CallAddresses.ORIGINATED,
                                new CallOriginated(
                                    r.tenantId(),
                                    agent.domain(),
                                    agent.extension(),
                                    leg,
                                    leg,
                                    r.number(),
                                    r.customerName(),
                                    data));
                        return Future.succeededFuture(leg);
                      },
                      err -> {
                        if (wasReady) {
                          backToReady(r);
                        }
                        return Future.failedFuture(failure(agent, err));
                      });
            });
  }

  /**
   * The customer's name and the attached data go to the PBX as AMI text (issue 13): no control
   * character in either (a callback saved before this rule, too), and each value must still fit in
   * one AMI line once encoded for its channel variable ({@link PbxText}). Null when the text may
   * go.
   */
  private static ApiException textRefusal(Request r) {
    if (r.customerName() != null && PbxText.firstControl(r.customerName()) >= 0) {
      return ApiException.badRequest(
          "invalid-text", "The customer's name contains a control character.");
    }
    for (var e : r.attachedData().entrySet()) {
      if (e.getValue() != null && PbxText.firstControl(e.getValue()) >= 0) {
        return ApiException.badRequest(
            "invalid-text", "The value of '" + e.getKey() + "' contains a control character.");
      }
      if (e.getValue() != null && !PbxText.fitsVariable(e.getValue())) {
        return ApiException.invalid(
            "The value of '"
                + e.getKey()
                + "' is too long for the phone system once "
                + "encoded (about 300 characters of letters and digits, fewer of others).");
      }
    }
    return null;
  }

  /** Why the agent cannot be dialled now, or null. */
  static String refusal(String name, AgentState state) {
    if (!state.loggedIn()) {
      return name + " is logged out.";
    }
    if (state.onCall()) {
      return name + " is on a call.";
    }
    if (state.inWrapup()) {
      return name + " is in wrap-up.";
    }
    return null;
  }

  /**
   * The phone did not answer: a Ready agent made Not Ready for the call is Ready again, unless it
   * changed since.
   */
  private void backToReady(Request r) {
    agents
        .current(r.tenantId(), r.agentId())
        .compose(
            s ->
                s.status() == AgentStatus.NOT_READY
                        && !s.onCall()
                        && Reason.OUTBOUND_CALL.equals(s.reason())
                    ? agents
                        .send(r.tenantId(), r.agentId(), new AgentEvent.ReadyRequested(), r.cause())
                        .mapEmpty()
                    : Future.succeededFuture())
        .onFailure(
            e ->
                LOG.warn(
                    "tenant {}: agent {} not made Ready again after click-to-dial: {}",
                    r.tenantId(),
                    r.agentId(),
                    e.getMessage()));
  }

  private static Throwable failure(AgentRef agent, Throwable err) {
    if (err instanceof ApiException) {
      return err;
    }
    if (err instanceof PbxCommandException pce) {
      if (pce.pbxMessage().contains("did not answer")) {
        return ApiException.conflict(
            "agent-not-answering", agent.displayName() + "'s phone did not answer.");
      }
      return new ApiException(
          502,
          "pbx-refused",
          "Refused by the phone system",
          "The phone system refused the call: " + pce.pbxMessage());
    }
    return err;
  }

  private static ApiException notAvailable(String detail) {
    return ApiException.conflict("agent-not-available", detail);
  }
}
