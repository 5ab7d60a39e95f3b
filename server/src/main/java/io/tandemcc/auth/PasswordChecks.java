package io.tandemcc.auth;

import io.tandemcc.tenant.UserAccount;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * Runs the Argon2 checks of logins on a pool of their own, a Vert.x worker executor of a few
 * threads, so that a burst of logins (good or bad) cannot take the worker threads and the cores
 * that the database work of every other request needs: on the shared pool a burst of bad logins
 * took {@code GET /api/callbacks} from 0.02 to 2.1 s. At most {@link #WAITING_PER_THREAD} checks
 * per thread may wait, counting from the account look-up; past that a login is refused at once (the
 * caller answers 503 login-busy) instead of queueing: a longer queue only makes every waiting user
 * time out, and keeps an attacker's requests in memory.
 */
public final class PasswordChecks {
  /** About a second and a half of waiting at ~50 ms per check. */
  static final int WAITING_PER_THREAD = 32;

  private final PasswordHasher hasher;
  private final WorkerExecutor pool;
  private final Semaphore slots;

  public PasswordChecks(Vertx vertx, PasswordHasher hasher, int threads) {
    this.hasher = hasher;
    this.pool = vertx.createSharedWorkerExecutor("argon2", threads);
    this.slots = new Semaphore(threads * (1 + WAITING_PER_THREAD));
  }

  /** Half the cores, at least one: the other half keeps serving everything else. */
  public static int defaultThreads() {
    return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
  }

  /** What a check found: the account, if one was named, and whether the password opens it. */
  public record Outcome(boolean accountExists, Optional<UserAccount> verified) {}

  /**
   * Looks the account up ({@code lookup}) and checks {@code password} against it on the pool; an
   * unknown account costs a full check too, so timing tells nothing. Empty when the pool is full.
   */
  public Optional<Future<Outcome>> check(
      String password, Supplier<Future<Optional<UserAccount>>> lookup) {
    if (!slots.tryAcquire()) {
      return Optional.empty();
    }
    Future<Outcome> outcome;
    try {
      outcome =
          lookup
              .get()
              .compose(
                  found ->
                      pool.executeBlocking(
                          () -> {
                            if (found.isEmpty()) {
                              hasher.verifyNothing(password);
                              return new Outcome(false, Optional.empty());
                            }
                            boolean ok =
                                hasher.verify(password, found.get().passwordHash())
                                    && found.get().enabled();
                            return new Outcome(true, ok ? found : Optional.empty());
                          },
                          false));
    } catch (RuntimeException e) {
      outcome = Future.failedFuture(e);
    }
    return Optional.of(outcome.onComplete(ar -> slots.release()));
  }

  /** The hash of a new password, made on the pool (a user's own password change). */
  public Future<String> hash(String password) {
    return pool.executeBlocking(() -> hasher.hash(password), false);
  }
}
