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
 * Grants SIP access to a signed-in agent (or a supervisor with a phone of its own): a ticket for
 * the WebSocket and everything JsSIP needs to be configured (its SIP URI, authorization user,
 * display name and ICE servers). No SIP password is ever handed out: the proxy is the
 * authenticator. Thread-safe; shared by every HTTP verticle instance.
 */
public final class SipAccess {
  /** The WebSocket path the browser connects to, with {@code ?ticket=}. */
  public static final String WS_PATH = "/api/sip";

  private final TenantDirectory directory;
  private final SipTickets tickets;
  private final IceServers iceServers;
  private final String sipDomain;
  private final boolean phoneSystem;

  public SipAccess(
      TenantDirectory directory, SipTickets tickets, IceServers iceServers, String sipDomain) {
    this(directory, tickets, iceServers, sipDomain, true);
  }

  /**
   * @param phoneSystem false when no phone system is configured (development without Asterisk):
   *     every ticket is refused with 409 {@code no-phone-system}, so the webphone says so once
   *     instead of opening a WebSocket to a PBX that is not there, failing, and reconnecting
   *     forever (with a warning in the server log each time)
   */
  public SipAccess(
      TenantDirectory directory,
      SipTickets tickets,
      IceServers iceServers,
      String sipDomain,
      boolean phoneSystem) {
    this.directory = directory;
    this.tickets = tickets;
    this.iceServers = iceServers;
    this.sipDomain = sipDomain;
    this.phoneSystem = phoneSystem;
  }

  /** What {@code POST /api/sip/ticket} answers. */
  public record SipGrant(
      String ticket,
      Instant expiresAt,
      String sipUri,
      String authorizationUser,
      String displayName,
      JsonArray iceServers) {
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

  /**
   * A ticket for this user's login session: an agent's phone is its agent extension, a supervisor's
   * or admin's its own phone extension (for monitoring); 403 for users without either.
   */
  public Future<SipGrant> grant(Principal p) {
    if (!phoneSystem) {
      return Future.failedFuture(
          ApiException.conflict(
              "no-phone-system",
              "No phone system is configured on this server (no AMI_HOST, no ASTERISK_WS_URL): the webphone is off."));
    }
    return directory
        .findUser(p.tenantId(), p.userId())
        .compose(
            found -> {
              UserAccount user = found.filter(UserAccount::enabled).orElseThrow(SipAccess::noPhone);
              Future<Optional<String>> extension =
                  user.agent() != null
                      ? Future.succeededFuture(Optional.ofNullable(user.agent().extension()))
                      : directory.phoneExtension(p.tenantId(), p.userId());
              return extension.map(
                  ext -> {
                    SipIdentity identity =
                        new SipIdentity(
                            p.tenantId(),
                            p.domain(),
                            p.userId(),
                            user.agent() == null ? null : user.agent().agentId(),
                            p.sessionId(),
                            ext.orElseThrow(SipAccess::noPhone),
                            user.displayName());
                    SipTickets.Ticket ticket = tickets.issue(identity);
                    return new SipGrant(
                        ticket.value(),
                        ticket.expiresAt(),
                        "sip:" + identity.endpoint() + "@" + sipDomain,
                        identity.endpoint(),
                        user.displayName(),
                        iceServers.forEndpoint(identity.endpoint()));
                  });
            });
  }

  private static ApiException noPhone() {
    return ApiException.forbidden(
        "You have no phone: only agents and supervisors with a phone extension have one.");
  }

  /** The identity behind a ticket, once; see {@link SipTickets#redeem}. */
  public Optional<SipIdentity> redeem(String ticket) {
    return tickets.redeem(ticket);
  }
}
