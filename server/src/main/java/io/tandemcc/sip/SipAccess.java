package io.tandemcc.sip;

import io.tandemcc.auth.Principal;
import io.tandemcc.common.ApiException;
import io.tandemcc.tenant.TenantDirectory;
import io.tandemcc.tenant.UserAccount;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Optional;

/**
 * Grants SIP access to a signed-in agent: a ticket for the WebSocket and everything JsSIP needs to be configured
 * (its SIP URI, authorization user, display name and ICE servers). No SIP password is ever handed out: the proxy
 * is the authenticator. Thread-safe; shared by every HTTP verticle instance.
 */
public final class SipAccess {
  /** The WebSocket path the browser connects to, with {@code ?ticket=}. */
  public static final String WS_PATH = "/api/sip";

  private final TenantDirectory directory;
  private final SipTickets tickets;
  private final IceServers iceServers;
  private final String sipDomain;

  public SipAccess(TenantDirectory directory, SipTickets tickets, IceServers iceServers, String sipDomain) {
    this.directory = directory;
    this.tickets = tickets;
    this.iceServers = iceServers;
    this.sipDomain = sipDomain;
  }

  /** What {@code POST /api/sip/ticket} answers. */
  public record SipGrant(String ticket, Instant expiresAt, String sipUri, String authorizationUser,
      String displayName, JsonArray iceServers) {
    public JsonObject toJson() {
      return new JsonObject()
          .put("ticket", ticket)
          .put("expiresAt", expiresAt.toString())
          .put("wsPath", WS_PATH)
          .put("sipUri", sipUri)
          .put("authorizationUser", authorizationUser)
          .put("displayName", displayName)
          .put("iceServers", iceServers);
    }

    @Override
    public String toString() {
      return "SipGrant[sipUri=" + sipUri + ", expiresAt=" + expiresAt + "]";
    }
  }

  /** A ticket for this agent's login session; 403 for users who are not agents. */
  public Future<SipGrant> grant(Principal p) {
    if (!p.isAgent()) {
      return Future.failedFuture(ApiException.forbidden("Only agents have a webphone."));
    }
    return directory.findUser(p.tenantId(), p.userId()).map(found -> {
      UserAccount user = found.filter(u -> u.enabled() && u.agent() != null && u.agent().extension() != null)
          .orElseThrow(() -> ApiException.forbidden("Only agents with an extension have a webphone."));
      SipIdentity identity = new SipIdentity(p.tenantId(), p.domain(), p.userId(), p.agentId(), p.sessionId(),
          user.agent().extension(), user.displayName());
      SipTickets.Ticket ticket = tickets.issue(identity);
      return new SipGrant(ticket.value(), ticket.expiresAt(), "sip:" + identity.endpoint() + "@" + sipDomain,
          identity.endpoint(), user.displayName(), iceServers.forEndpoint(identity.endpoint()));
    });
  }

  /** The identity behind a ticket, once; see {@link SipTickets#redeem}. */
  public Optional<SipIdentity> redeem(String ticket) {
    return tickets.redeem(ticket);
  }
}
