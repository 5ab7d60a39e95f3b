package io.tandemcc.history;

import io.tandemcc.common.ApiException;
import io.tandemcc.common.Page;
import io.tandemcc.db.Database;
import io.tandemcc.history.CallDetail.Recording;
import io.vertx.core.Future;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The call history's use cases: list a scope's calls by the filters, show one call, and find the
 * file of one of its recordings. Another tenant's call, or one outside the caller's scope, is "not
 * found" like a missing one.
 */
public final class CallHistory {
  private final CallHistoryRepository repository;
  private final RecordingFiles files;
  private final RecordingTickets tickets;
  private final Clock clock;

  public CallHistory(Database db, Path recordingsDir, Clock clock) {
    this.repository = new CallHistoryRepository(db);
    this.files = new RecordingFiles(recordingsDir);
    this.tickets = new RecordingTickets(clock);
    this.clock = clock;
  }

  public RecordingTickets tickets() {
    return tickets;
  }

  /** A page of calls, and the tenant's time zone the period was read in. */
  public record Listing(Page<CallSummary> page, HistoryQuery query, String timeZone) {}

  public Future<Listing> list(HistoryScope scope, Function<String, String> params) {
    return filters(scope, params)
        .compose(
            r ->
                repository
                    .list(scope, r.filters())
                    .map(page -> new Listing(page, r.filters().query(), r.timeZone())));
  }

  /**
   * The same calls as {@link #list}, every page of them: once the filters are checked, {@code open}
   * gets the tenant's zone and returns where the calls go; they are handed to it one by one on a
   * worker thread.
   */
  public Future<Void> export(
      HistoryScope scope,
      Function<String, String> params,
      Function<ZoneId, Consumer<CallSummary>> open) {
    return filters(scope, params)
        .compose(r -> repository.each(scope, r.filters(), open.apply(zone(r.timeZone()))));
  }

  private record Resolved(CallHistoryRepository.Filters filters, String timeZone) {}

  private Future<Resolved> filters(HistoryScope scope, Function<String, String> params) {
    return repository
        .names(scope.tenantId(), null, null, null, null)
        .compose(
            zoneOnly -> {
              HistoryQuery q =
                  HistoryQuery.parse(params, zone(zoneOnly.timeZone()), clock.instant());
              return repository
                  .names(scope.tenantId(), q.agentId(), q.queue(), q.disposition(), q.dataKey())
                  .compose(
                      names -> {
                        if (!names.agentKnown()) {
                          return Future.failedFuture(
                              ApiException.badRequest("unknown-agent", "There is no such agent."));
                        }
                        if (q.queue() != null && names.queuePbxName() == null) {
                          return Future.failedFuture(
                              ApiException.badRequest("unknown-queue", "There is no such queue."));
                        }
                        if (!names.dispositionKnown()) {
                          return Future.failedFuture(
                              ApiException.badRequest(
                                  "unknown-disposition", "There is no such disposition."));
                        }
                        if (q.dataKey() != null && names.dataPosition() == null) {
                          return Future.failedFuture(
                              ApiException.badRequest(
                                  "unknown-key",
                                  "'"
                                      + q.dataKey()
                                      + "' is not one of your tenant's attached-data keys."));
                        }
                        return Future.succeededFuture(
                            new Resolved(
                                new CallHistoryRepository.Filters(
                                    q, names.queuePbxName(), names.dataPosition()),
                                names.timeZone()));
                      });
            });
  }

  public Future<CallDetail> detail(HistoryScope scope, long callRecordId) {
    return repository
        .detail(scope, callRecordId)
        .compose(
            found ->
                found
                    .map(Future::succeededFuture)
                    .orElseGet(() -> Future.failedFuture(noSuchCall())));
  }

  /**
   * The file of a recording of a call in the scope; "not found" when the call, the row or the file
   * is not there.
   */
  public Future<RecordingFile> recording(HistoryScope scope, long callRecordId, long recordingId) {
    return repository
        .recording(scope, callRecordId, recordingId)
        .compose(
            found -> {
              Optional<Path> file = found.flatMap(r -> files.resolve(r.fileName()));
              if (found.isEmpty()) {
                return Future.failedFuture(ApiException.notFound("There is no such recording."));
              }
              return file.map(f -> Future.succeededFuture(new RecordingFile(found.get(), f)))
                  .orElseGet(
                      () ->
                          Future.failedFuture(
                              new ApiException(
                                  404,
                                  "recording-missing",
                                  "Not found",
                                  "The recording's file is not (or no longer) in the recordings directory.")));
            });
  }

  public record RecordingFile(Recording recording, Path path) {}

  static ZoneId zone(String id) {
    try {
      return ZoneId.of(id);
    } catch (DateTimeException e) {
      return ZoneId.of("UTC");
    }
  }

  private static ApiException noSuchCall() {
    return ApiException.notFound("There is no such call.");
  }
}
