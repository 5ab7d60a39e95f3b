package io.tandemcc.callback;

import io.tandemcc.call.ClickToDialService;
import io.tandemcc.callback.CallbackRepository.Fields;
import io.tandemcc.common.ApiException;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An agent's own callbacks: schedule, change, cancel, and dial one (click-to-dial to its number).
 * Another agent's or tenant's callback is never found (404).
 */
public final class Callbacks {
  /** How far ahead a callback may be scheduled. */
  static final Duration MAX_AHEAD = Duration.ofDays(366);

  /** A due time this far in the past is taken as a clock skew of the browser, not as a mistake. */
  static final Duration SKEW = Duration.ofMinutes(5);

  public static final int MAX_NAME = 128;
  public static final int MAX_NOTE = 1024;

  private final CallbackRepository repository;
  private final ClickToDialService dialer;
  private final Clock clock;

  public Callbacks(CallbackRepository repository, ClickToDialService dialer, Clock clock) {
    this.repository = repository;
    this.dialer = dialer;
    this.clock = clock;
  }

  public Future<List<Callback>> open(long tenantId, long agentId) {
    return repository.open(tenantId, agentId);
  }

  public Future<Callback> create(long tenantId, long agentId, Fields f, String callId) {
    return valid(f)
        .compose(v -> repository.create(tenantId, agentId, f, callId, clock.instant()))
        .compose(
            c ->
                c.<Future<Callback>>map(Future::succeededFuture)
                    .orElseGet(
                        () ->
                            Future.failedFuture(
                                ApiException.notFound("There is no such call of yours."))));
  }

  public Future<Callback> update(long tenantId, long agentId, long id, Fields f) {
    return valid(f)
        .compose(v -> repository.update(tenantId, agentId, id, f, clock.instant()))
        .compose(
            c -> c.isPresent() ? Future.succeededFuture(c.get()) : notOpen(tenantId, agentId, id));
  }

  public Future<Void> cancel(long tenantId, long agentId, long id) {
    return repository
        .close(tenantId, agentId, id, "cancelled", clock.instant())
        .compose(
            done ->
                done ? Future.<Void>succeededFuture() : notOpen(tenantId, agentId, id).mapEmpty());
  }

  /**
   * Dials an open callback through click-to-dial; once the number is dialled, the callback is done.
   */
  public Future<String> dial(long tenantId, long agentId, long userId, long id) {
    return repository
        .find(tenantId, agentId, id)
        .compose(
            found -> {
              if (found.isEmpty()) {
                return Future.failedFuture(noSuchCallback());
              }
              Callback c = found.get();
              if (!c.open()) {
                return Future.failedFuture(
                    ApiException.conflict(
                        "callback-closed", "This callback is " + c.status() + "."));
              }
              return dialer
                  .dial(
                      new ClickToDialService.Request(
                          tenantId, agentId, c.number(), c.name(), Map.of(), "user:" + userId))
                  .compose(
                      callId ->
                          repository
                              .close(tenantId, agentId, id, "done", clock.instant())
                              .map(callId));
            });
  }

  private <T> Future<T> notOpen(long tenantId, long agentId, long id) {
    return repository
        .find(tenantId, agentId, id)
        .compose(
            c ->
                Future.failedFuture(
                    c.isEmpty()
                        ? noSuchCallback()
                        : ApiException.conflict(
                            "callback-closed", "This callback is " + c.get().status() + ".")));
  }

  private Future<Void> valid(Fields f) {
    Instant now = clock.instant();
    if (!ClickToDialService.NUMBER.matcher(f.number()).matches()) {
      return Future.failedFuture(
          ApiException.invalid("'number' must be 1 to 32 characters of digits, '+', '*' and '#'."));
    }
    if (f.dueAt().isBefore(now.minus(SKEW))) {
      return Future.failedFuture(ApiException.invalid("'dueAt' is in the past."));
    }
    if (f.dueAt().isAfter(now.plus(MAX_AHEAD))) {
      return Future.failedFuture(ApiException.invalid("'dueAt' is more than a year ahead."));
    }
    return Future.succeededFuture();
  }

  private static ApiException noSuchCallback() {
    return ApiException.notFound("There is no such callback of yours.");
  }
}
