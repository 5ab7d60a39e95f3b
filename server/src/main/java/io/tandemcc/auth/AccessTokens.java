package io.tandemcc.auth;

import io.tandemcc.tenant.Role;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.time.Duration;
import java.time.Instant;

/**
 * Short-lived signed access tokens (HS256 JWT). A token names the tenant, user, role, agent and the
 * login session it belongs to; a session ended by logout makes its tokens useless at once (see
 * {@link RevokedSessions}).
 */
public final class AccessTokens {
  private final JWTAuth jwt;
  private final Duration ttl;
  private final RevokedSessions revoked;

  public AccessTokens(Vertx vertx, String secret, Duration ttl, RevokedSessions revoked) {
    this.jwt =
        JWTAuth.create(
            vertx,
            new JWTAuthOptions()
                .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(secret)));
    this.ttl = ttl;
    this.revoked = revoked;
  }

  public JWTAuth provider() {
    return jwt;
  }

  public Duration ttl() {
    return ttl;
  }

  public IssuedToken issue(Principal p) {
    return issue(p, false);
  }

  /**
   * A token; with {@code passwordChangeRequired} it opens only the password change and logout (the
   * claim {@code pwc}), until the user chose a password and renewed the token.
   */
  public IssuedToken issue(Principal p, boolean passwordChangeRequired) {
    JsonObject claims =
        new JsonObject()
            .put("sub", Long.toString(p.userId()))
            .put("tid", p.tenantId())
            .put("dom", p.domain())
            .put("role", p.role().wireName())
            .put("sid", p.sessionId());
    if (p.agentId() != null) {
      claims.put("aid", p.agentId());
    }
    if (passwordChangeRequired) {
      claims.put("pwc", true);
    }
    String token =
        jwt.generateToken(
            claims,
            new JWTOptions()
                .setAlgorithm("HS256")
                .setExpiresInSeconds((int) ttl.toSeconds())
                .setIssuer("tandemcc"));
    return new IssuedToken(token, Instant.now().plus(ttl));
  }

  /**
   * Verifies signature, expiry and session; fails with an {@link io.tandemcc.common.ApiException}
   * 401.
   */
  public Future<Verified> verify(String token) {
    return jwt.authenticate(new TokenCredentials(token))
        .recover(e -> Future.failedFuture(expired()))
        .compose(
            user -> {
              // vertx-auth keeps the decoded JWT payload under the "accessToken" attribute
              JsonObject claims = user.attributes().getJsonObject("accessToken", user.principal());
              try {
                Principal p =
                    new Principal(
                        claims.getLong("tid"),
                        claims.getString("dom"),
                        Long.parseLong(claims.getString("sub")),
                        Role.fromWire(claims.getString("role")),
                        claims.getLong("aid"),
                        claims.getLong("sid"));
                if (revoked.isRevoked(p.sessionId())) {
                  return Future.failedFuture(expired());
                }
                return Future.succeededFuture(
                    new Verified(
                        p,
                        Instant.ofEpochSecond(claims.getLong("exp")),
                        claims.getBoolean("pwc", false)));
              } catch (RuntimeException e) {
                return Future.failedFuture(expired());
              }
            });
  }

  private static io.tandemcc.common.ApiException expired() {
    return io.tandemcc.common.ApiException.unauthorized(
        "token-invalid", "Your sign-in has expired or is not valid; sign in again.");
  }

  public record IssuedToken(String token, Instant expiresAt) {}

  /**
   * @param passwordChangeRequired the token opens only the password change and logout
   */
  public record Verified(Principal principal, Instant expiresAt, boolean passwordChangeRequired) {}
}
