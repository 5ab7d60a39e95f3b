package io.tandemcc.auth;

import io.tandemcc.agent.AgentEvent;
import io.tandemcc.agent.AgentStateClient;
import io.tandemcc.auth.AccessTokens.IssuedToken;
import io.tandemcc.common.ApiException;
import io.tandemcc.tenant.TenantDirectory;
import io.tandemcc.tenant.TenantSettings;
import io.tandemcc.tenant.UserAccount;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Login, session renewal and logout. Any bad credential gives the same answer; repeated failures
 * are slowed down; an agent's login logs its agent state in (shared by all its tabs and terminals)
 * and its logout ends every session of that user, refused while the agent is on a call.
 */
public final class LoginService {
  private static final Logger LOG = LoggerFactory.getLogger(LoginService.class);
  private final Vertx vertx;
  private final TenantDirectory directory;
  private final PasswordChecks checks;
  private final SessionStore sessions;
  private final AccessTokens tokens;
  private final LoginThrottle throttle;
  private final RevokedSessions revoked;
  private final AgentStateClient agents;

  public LoginService(
      Vertx vertx,
      TenantDirectory directory,
      PasswordChecks checks,
      SessionStore sessions,
      AccessTokens tokens,
      LoginThrottle throttle,
      RevokedSessions revoked,
      AgentStateClient agents) {
    this.vertx = vertx;
    this.directory = directory;
    this.checks = checks;
    this.sessions = sessions;
    this.tokens = tokens;
    this.throttle = throttle;
    this.revoked = revoked;
    this.agents = agents;
  }

  /**
   * A signed-in user: the session token for the cookie, an access token, and what the desktop
   * shows.
   */
  public record SignedIn(
      String sessionToken, IssuedToken access, UserAccount account, TenantSettings settings) {
    @Override
    public String toString() {
      return "SignedIn[" + account + "]";
    }
  }

  public Future<SignedIn> login(String domain, String username, String password, String source) {
    String normalizedDomain = domain.trim().toLowerCase(Locale.ROOT);
    String normalizedUser = username.trim();
    String account = normalizedDomain + "/" + normalizedUser.toLowerCase(Locale.ROOT);
    // the attempt is reserved before anything else, so simultaneous guesses cannot all pass before
    // one fails
    LoginThrottle.Reservation reservation = throttle.reserve(account, source);
    if (reservation instanceof LoginThrottle.Refused refused) {
      return Future.failedFuture(new TooManyAttempts(refused.retryAfter()));
    }
    LoginThrottle.Attempt attempt = (LoginThrottle.Attempt) reservation;
    Optional<Future<PasswordChecks.Outcome>> checked =
        checks.check(password, () -> directory.findForLogin(normalizedDomain, normalizedUser));
    if (checked.isEmpty()) {
      attempt.cancel();
      return Future.failedFuture(new LoginBusy());
    }
    return checked
        .get()
        .transform(
            ar -> {
              if (ar.failed()) {
                attempt.cancel();
                return Future.failedFuture(ar.cause());
              }
              if (ar.result().verified().isEmpty()) {
                attempt.failed(ar.result().accountExists());
                LOG.info("login refused for {} from {}", account, source);
                return Future.failedFuture(invalidCredentials());
              }
              attempt.succeeded();
              UserAccount user = ar.result().verified().get();
              if (!user.tenant().active()) {
                // told only to whoever knows the password; a deleted tenant is not found at all
                LOG.info(
                    "login refused for {} from {}: tenant {}",
                    account,
                    source,
                    user.tenant().status().wireName());
                return Future.failedFuture(tenantSuspended());
              }
              return sessions
                  .create(user.tenant().id(), user.id())
                  .compose(
                      session ->
                          agentLogin(user)
                              .compose(v -> signedIn(user, session.id(), session.token())));
            });
  }

  /** Renews the access token of a live session (browser refresh, token renewal). */
  public Future<SignedIn> refresh(String sessionToken) {
    return sessions
        .touch(sessionToken)
        .compose(
            active -> {
              if (active.isEmpty()) {
                // a logout (in another tab, another terminal, or by a supervisor) is told apart
                // from an idle expiry
                return sessions
                    .endedByLogout(sessionToken)
                    .compose(
                        loggedOut ->
                            Future.failedFuture(
                                loggedOut
                                    ? ApiException.unauthorized(
                                        "session-ended", "You were logged out.")
                                    : sessionExpired()));
              }
              var s = active.get();
              return directory
                  .findUser(s.tenantId(), s.userId())
                  .compose(
                      user -> {
                        if (user.isEmpty()
                            || !user.get().enabled()
                            || !user.get().tenant().active()) {
                          return Future.failedFuture(sessionExpired());
                        }
                        return signedIn(user.get(), s.id(), sessionToken);
                      });
            });
  }

  /**
   * Logs the user out everywhere; an agent on a call is refused (409 agent-on-call) and stays
   * logged in.
   */
  public Future<Void> logout(Principal p) {
    Future<Void> agentLogout =
        p.isAgent()
            ? agents
                .require(
                    p.tenantId(),
                    p.agentId(),
                    new AgentEvent.LogoutRequested(),
                    "user:" + p.userId())
                .mapEmpty()
            : Future.succeededFuture();
    return agentLogout.compose(v -> endSessions(p.tenantId(), p.userId(), "logout"));
  }

  /**
   * Ends every session of a user: the session cookies stop working, access tokens are revoked, and
   * the user's browsers are told why ({@code reason}) and closed. Used by logout and by a
   * supervisor's forced logout (which logs the agent state out first).
   */
  public Future<Void> endSessions(long tenantId, long userId, String reason) {
    return sessions
        .endAll(tenantId, userId)
        .map(
            ids -> {
              revoked.revokeAll(ids);
              vertx
                  .eventBus()
                  .publish(AuthAddresses.SESSION_ENDED, new SessionEnded(tenantId, userId, reason));
              return null;
            });
  }

  /**
   * Ends every session of every user of a tenant (suspended or deleted): as {@link #endSessions}
   * for each user. The agent states are left as they are: the agents' browsers and webphones close,
   * so their queue members become unavailable, and a resumed tenant's agents find their state
   * again.
   */
  public Future<Void> endTenantSessions(long tenantId, String reason) {
    return sessions
        .endAllOfTenant(tenantId)
        .map(
            ended -> {
              revoked.revokeAll(ended.stream().map(SessionStore.EndedSession::id).toList());
              ended.stream()
                  .map(SessionStore.EndedSession::userId)
                  .distinct()
                  .forEach(
                      userId ->
                          vertx
                              .eventBus()
                              .publish(
                                  AuthAddresses.SESSION_ENDED,
                                  new SessionEnded(tenantId, userId, reason)));
              return null;
            });
  }

  private Future<Void> agentLogin(UserAccount user) {
    if (user.agent() == null) {
      return Future.succeededFuture();
    }
    return agents
        .require(
            user.tenant().id(),
            user.agent().agentId(),
            new AgentEvent.LoginRequested(),
            "user:" + user.id())
        .mapEmpty();
  }

  private Future<SignedIn> signedIn(UserAccount user, long sessionId, String sessionToken) {
    Principal principal =
        new Principal(
            user.tenant().id(),
            user.tenant().domain(),
            user.id(),
            user.role(),
            user.agent() == null ? null : user.agent().agentId(),
            sessionId);
    IssuedToken access = tokens.issue(principal, user.passwordChangeRequired());
    return directory
        .settings(user.tenant().id())
        .map(settings -> new SignedIn(sessionToken, access, user, settings));
  }

  /**
   * The signed-in user's own new password, after its current one is checked again (a stolen token
   * alone does not change it). Clears a forced change; the caller renews its token (refresh) to get
   * one without the claim.
   */
  public Future<Void> changePassword(Principal p, String current, String next) {
    io.tandemcc.tenant.TenantRules.password(next);
    if (next.equals(current)) {
      return Future.failedFuture(
          ApiException.badRequest(
              "password-unchanged", "Choose a password other than the current one."));
    }
    Optional<Future<PasswordChecks.Outcome>> checked =
        checks.check(current, () -> directory.findUser(p.tenantId(), p.userId()));
    if (checked.isEmpty()) {
      return Future.failedFuture(new LoginBusy());
    }
    return checked
        .get()
        .compose(
            outcome -> {
              if (outcome.verified().isEmpty()) {
                LOG.info(
                    "tenant {}: user {} gave a wrong current password for a password change",
                    p.domain(),
                    p.userId());
                return Future.failedFuture(
                    ApiException.badRequest(
                        "wrong-password", "Your current password is not right."));
              }
              return checks
                  .hash(next)
                  .compose(hash -> directory.replacePassword(p.tenantId(), p.userId(), hash))
                  .onSuccess(
                      v ->
                          LOG.info(
                              "tenant {}: user {} changed their password", p.domain(), p.userId()));
            });
  }

  static ApiException invalidCredentials() {
    return ApiException.unauthorized(
        "invalid-credentials", "The username, password or domain is not right.");
  }

  /** The tenant is suspended (or was while this login ran): nobody of it may sign in. */
  static ApiException tenantSuspended() {
    return new ApiException(
        403,
        "tenant-suspended",
        "Tenant suspended",
        "This organisation's access is suspended; ask your provider.");
  }

  static ApiException sessionExpired() {
    return ApiException.unauthorized("session-expired", "Your session has ended; sign in again.");
  }

  /** A login that cannot be served now; the client may try again after {@link #retryAfter}. */
  public abstract static class RetryLater extends ApiException {
    private final Duration retryAfter;

    RetryLater(int status, String code, String title, String detail, Duration retryAfter) {
      super(status, code, title, detail);
      this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
      return retryAfter;
    }

    /** Whole seconds for a Retry-After header, rounded up, at least 1. */
    public static long seconds(Duration d) {
      return Math.max(1, (d.toMillis() + 999) / 1000);
    }
  }

  /**
   * Too many failed attempts (or another check of the account is running): wait {@code retryAfter}.
   */
  public static final class TooManyAttempts extends RetryLater {
    TooManyAttempts(Duration retryAfter) {
      super(
          429,
          "too-many-attempts",
          "Too many attempts",
          "Too many sign-in attempts; try again in " + seconds(retryAfter) + " s.",
          retryAfter);
    }
  }

  /** Every password check slot is taken: the server refuses at once rather than queue. */
  public static final class LoginBusy extends RetryLater {
    LoginBusy() {
      super(
          503,
          "login-busy",
          "Busy",
          "Too many sign-ins are being checked right now; try again in a moment.",
          Duration.ofSeconds(1));
    }
  }
}
