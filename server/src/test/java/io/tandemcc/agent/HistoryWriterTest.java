package io.tandemcc.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandemcc.agent.AgentRepository.HistoryEntry;
import io.tandemcc.agent.AgentRepository.Row;
import io.tandemcc.db.Database;
import io.tandemcc.db.DeadLetters;
import io.tandemcc.db.Journal;
import io.tandemcc.support.TestServer;
import io.tandemcc.support.TestTenants;
import io.tandemcc.support.TestTenants.TestTenant;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The state history's writer against the real database: replays are idempotent, a refused row is
 * set aside.
 */
@DisplayName("State history writer: journal replay and rows the database refuses for good")
class HistoryWriterTest {
  private final Database db = TestServer.get().database();
  private final Vertx vertx = TestServer.get().vertx();
  private final AgentRepository repository = new AgentRepository(db);

  @Test
  @DisplayName(
      "the journal's lines are written at start, once, in order, even those written before the crash")
  void replayIsIdempotent() throws Exception {
    TestTenant t = TestTenants.create(db, "replay");
    Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    Row written = row(t, AgentState.loggedOut(at).toReady(at), "written before the crash", at);
    Row notYet =
        row(
            t,
            AgentState.loggedOut(at).toNotReady(new Reason("break", "Break"), at.plusMillis(5)),
            "only in the journal",
            at.plusMillis(5));
    repository.appendBlocking(List.of(written));
    Path file = Files.createTempDirectory("history").resolve("journal.jsonl");
    Files.writeString(file, HistoryLines.line(written) + "\n" + HistoryLines.line(notYet) + "\n");

    Journal journal = Journal.open(file);
    DeadLetters deadLetters = deadLetters();
    HistoryWriter writer =
        onContext(() -> new HistoryWriter(vertx, repository, journal, deadLetters));
    await(onContext(writer::recover));

    List<HistoryEntry> history = await(repository.history(t.id(), t.aliceAgent()));
    assertThat(history)
        .extracting(HistoryEntry::cause)
        .containsExactly("written before the crash", "only in the journal");
    assertThat(history.get(1).state().reason()).isEqualTo(new Reason("break", "Break"));
    assertThat(history.get(1).occurredAt()).isEqualTo(notYet.entry().occurredAt());
    journal.close();
  }

  @Test
  @DisplayName(
      "a row the database refuses (no such agent) is set aside after three tries; the rows after it go in")
  void refusedRowIsSetAside() throws Exception {
    TestTenant t = TestTenants.create(db, "refused");
    Instant at = Instant.now();
    Path dir = Files.createTempDirectory("history");
    Journal journal = Journal.open(dir.resolve("journal.jsonl"));
    DeadLetters deadLetters = new DeadLetters(dir.resolve("dead-letters"), db.health());
    HistoryWriter writer =
        onContext(() -> new HistoryWriter(vertx, repository, journal, deadLetters));
    long before = db.health().status().deadLetters().getOrDefault(HistoryWriter.KIND, 0L);

    AgentState ready = AgentState.loggedOut(at).toReady(at);
    List<Future<Void>> durable =
        onContext(
            () ->
                List.of(
                    writer.append(HistoryEntry.of(t.id(), t.aliceAgent(), ready, "first", at)),
                    writer.append(
                        HistoryEntry.of(t.id(), 999_999_999L, ready, "no such agent", at)),
                    writer.append(HistoryEntry.of(t.id(), t.aliceAgent(), ready, "after it", at))));
    await(Future.all(durable));
    await(onContext(writer::drained));

    assertThat(await(repository.history(t.id(), t.aliceAgent())))
        .extracting(HistoryEntry::cause)
        .containsExactly("first", "after it");
    assertThat(db.health().status().deadLetters().get(HistoryWriter.KIND)).isEqualTo(before + 1);
    assertThat(Files.readString(dir.resolve("dead-letters").resolve(HistoryWriter.KIND + ".jsonl")))
        .contains("\"agentId\":999999999")
        .contains("no such agent");
    assertThat(Files.readString(dir.resolve("journal.jsonl")))
        .as("checkpointed: all in the database")
        .isEmpty();
    journal.close();
  }

  private static Row row(TestTenant t, AgentState state, String cause, Instant at) {
    return new Row(UUID.randomUUID(), HistoryEntry.of(t.id(), t.aliceAgent(), state, cause, at));
  }

  private DeadLetters deadLetters() throws Exception {
    return new DeadLetters(Files.createTempDirectory("dead"), db.health());
  }

  private <T> T onContext(Supplier<T> action) throws Exception {
    Promise<T> result = Promise.promise();
    vertx.getOrCreateContext().runOnContext(v -> result.complete(action.get()));
    return await(result.future());
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }
}
