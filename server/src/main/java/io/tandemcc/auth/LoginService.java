package io.tandemcc.auth;

import io.tandemcc.agent.AgentEvent;
import io.tandemcc.agent.AgentStateClient;
import io.tandemcc.auth.AccessTokens.IssuedToken;
import io.tandemcc.tenant.TenantDirectory;
import io.tandemcc.tenant.TenantSettings;
import io.tandemcc.tenant.UserAccount;
import io.tandemcc.common.ApiException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Login, session renewal and logout. Any bad credential gives the same answer; repeated failures are
 * slowed down; an agent's login logs its agent state in (shared by all its tabs and terminals) and its
 * logout ends every session of that user, refused while the agent is on a call.
 */
public final class LoginService {
  private static final Logger LOG = LoggerFactory.getLogger(LoginService.class);
  private final Vertx vertx;
  private final TenantDirectory directory;
  private final PasswordHasher hasher;
  private final SessionStore sessions;
  private final AccessTokens tokens;
  private final LoginThrottle throttle;
  private final RevokedSessions revoked;
  private final AgentStateClient agents;

  public LoginService(Vertx vertx, TenantDirectory directory, PasswordHasher hasher, SessionStore sessions,
      AccessTokens tokens, LoginThrottle throttle, RevokedSessions revoked, AgentStateClient agents) {
    this.vertx = vertx;
    this.directory = directory;
    this.hasher = hasher;
    this.sessions = sessions;
    this.tokens = tokens;
    this.throttle = throttle;
    this.revoked = revoked;
    this.agents = agents;
  }

  /** A signed-in user: the session token for the cookie, an access token, and what the desktop shows. */
  public record SignedIn(String sessionToken, IssuedToken access, UserAccount account, TenantSettings settings) {
    @Override
    public String toString() {
      return "SignedIn[" + account + "]";
    }
  }

  public Future<SignedIn> login(String domain, String username, String password, String source) {
    String normalizedDomain = domain.trim().toLowerCase(Locale.ROOT);
    String normalizedUser = username.trim();
    String account = normalizedDomain + "/" + normalizedUser.toLowerCase(Locale.ROOT);
    Optional<Duration> wait = throttle.waitBefore(account, source);
    if (wait.isPresent()) {
      return Future.failedFuture(new TooManyAttempts(wait.get()));
    }
    return directory.findForLogin(normalizedDomain, normalizedUser)
        .compose(found -> vertx.executeBlocking(() -> {
          if (found.isEmpty()) {
            hasher.verifyNothing(password);
            return Optional.<UserAccount>empty();
          }
          boolean ok = hasher.verify(password, found.get().passwordHash()) && found.get().enabled();
          return ok ? found : Optional.<UserAccount>empty();
        }, false))
        .compose(verified -> {
          if (verified.isEmpty()) {
            throttle.failed(account, source);
            LOG.info("login refused for {} from {}", account, source);
            return Future.failedFuture(invalidCredentials());
          }
          throttle.succeeded(account);
          UserAccount user = verified.get();
          return sessions.create(user.tenant().id(), user.id())
              .compose(session -> agentLogin(user).compose(v -> signedIn(user, session.id(), session.token())));
        });
  }

  /** Renews the access token of a live session (browser refresh, token renewal). */
  public Future<SignedIn> refresh(String sessionToken) {
    return sessions.touch(sessionToken).compose(active -> {
      if (active.isEmpty()) {
        // a logout (in another tab, another terminal, or by a supervisor) is told apart from an idle expiry
        return sessions.endedByLogout(sessionToken).compose(loggedOut -> Future.failedFuture(loggedOut
            ? ApiException.unauthorized("session-ended", "You were logged out.")
            : sessionExpired()));
      }
      var s = active.get();
      return directory.findUser(s.tenantId(), s.userId()).compose(user -> {
        if (user.isEmpty() || !user.get().enabled()) {
          return Future.failedFuture(sessionExpired());
        }
        return signedIn(user.get(), s.id(), sessionToken);
      });
    });
  }

  /** Logs the user out everywhere; an agent on a call is refused (409 agent-on-call) and stays logged in. */
  public Future<Void> logout(Principal p) {
    Future<Void> agentLogout = p.isAgent()
        ? agents.require(p.tenantId(), p.agentId(), new AgentEvent.LogoutRequested(), "user:" + p.userId())
            .mapEmpty()
        : Future.succeededFuture();
    return agentLogout.compose(v -> endSessions(p.tenantId(), p.userId(), "logout"));
  }

  /**
   * Ends every session of a user: the session cookies stop working, access tokens are revoked, and the user's
   * browsers are told why ({@code reason}) and closed. Used by logout and by a supervisor's forced logout (which
   * logs the agent state out first).
   */
  public Future<Void> endSessions(long tenantId, long userId, String reason) {
    return sessions.endAll(tenantId, userId).map(ids -> {
      revoked.revokeAll(ids);
      vertx.eventBus().publish(AuthAddresses.SESSION_ENDED, new SessionEnded(tenantId, userId, reason));
      return null;
    });
  }

  private Future<Void> agentLogin(UserAccount user) {
    if (user.agent() == null) {
      return Future.succeededFuture();
    }
    return agents.require(user.tenant().id(), user.agent().agentId(), new AgentEvent.LoginRequested(),
        "user:" + user.id()).mapEmpty();
  }

  private Future<SignedIn> signedIn(UserAccount user, long sessionId, String sessionToken) {
    Principal principal = new Principal(user.tenant().id(), user.tenant().domain(), user.id(), user.role(),
        user.agent() == null ? null : user.agent().agentId(), sessionId);
    IssuedToken access = tokens.issue(principal);
    return directory.settings(user.tenant().id()).map(settings -> new SignedIn(sessionToken, access, user, settings));
  }

  static ApiException invalidCredentials() {
    return ApiException.unauthorized("invalid-credentials",
        "The username, password or domain is not right.");
  }

  static ApiException sessionExpired() {
    return ApiException.unauthorized("session-expired", "Your session has ended; sign in again.");
  }

  /** Too many failed attempts: the client must wait {@code retryAfter}. */
  public static final class TooManyAttempts extends ApiException {
    private final Duration retryAfter;

    TooManyAttempts(Duration retryAfter) {
      super(429, "too-many-attempts", "Too many attempts",
          "Too many failed sign-in attempts; try again in " + Math.max(1, retryAfter.toSeconds()) + " s.");
      this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
      return retryAfter;
    }
  }
}
