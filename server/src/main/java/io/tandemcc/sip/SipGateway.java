package io.tandemcc.sip;

import io.tandemcc.auth.RevokedSessions;
import io.tandemcc.config.SipSettings;
import io.tandemcc.pbx.UpstreamCredentials;
import io.vertx.core.Vertx;

/**
 * What the HTTP edge needs for SIP, built once by {@code Server}: the shared ticket desk ({@link SipAccess}) and
 * the ingredients of a {@link SipProxy}, of which every HTTP verticle instance makes its own.
 *
 * @param credentials the agents' upstream passwords, or null to let Asterisk's challenges through
 */
public record SipGateway(SipAccess access, SipSettings settings, SipCallPolicy policy, RevokedSessions revoked,
    UpstreamCredentials credentials) {

  public SipProxy newProxy(Vertx vertx) {
    return new SipProxy(vertx, settings, policy, revoked, credentials);
  }
}
