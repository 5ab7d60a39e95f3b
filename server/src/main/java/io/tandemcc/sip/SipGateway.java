package io.tandemcc.sip;

import io.tandemcc.auth.RevokedSessions;
import io.tandemcc.config.SipSettings;
import io.tandemcc.pbx.UpstreamCredentials;
import io.vertx.core.Vertx;

/**
 * What the HTTP edge needs for SIP, built once by {@code Server}: the shared ticket desk ({@link
 * SipAccess}) and the ingredients of a {@link SipProxy}, of which every HTTP verticle instance
 * makes its own, and what they share: the refusal counts ({@link SipStats}) and the per-user socket
 * cap ({@link SipSockets}).
 *
 * @param credentials the agents' upstream passwords, or null to let Asterisk's challenges through
 */
public record SipGateway(
    SipAccess access,
    SipSettings settings,
    SipCallPolicy policy,
    RevokedSessions revoked,
    UpstreamCredentials credentials,
    SipStats stats,
    SipSockets sockets) {

  /**
   * With the default cap of {@link SipSockets#DEFAULT_PER_USER} sockets per user and fresh
   * statistics.
   */
  public SipGateway(
      SipAccess access,
      SipSettings settings,
      SipCallPolicy policy,
      RevokedSessions revoked,
      UpstreamCredentials credentials) {
    this(access, settings, policy, revoked, credentials, new SipStats());
  }

  private SipGateway(
      SipAccess access,
      SipSettings settings,
      SipCallPolicy policy,
      RevokedSessions revoked,
      UpstreamCredentials credentials,
      SipStats stats) {
    this(
        access,
        settings,
        policy,
        revoked,
        credentials,
        stats,
        new SipSockets(SipSockets.DEFAULT_PER_USER, stats));
  }

  /**
   * @param socketPing how often the proxy pings each browser socket (two unanswered pings close it)
   */
  public SipProxy newProxy(Vertx vertx, java.time.Duration socketPing) {
    return new SipProxy(vertx, settings, policy, revoked, credentials, stats, sockets, socketPing);
  }
}
