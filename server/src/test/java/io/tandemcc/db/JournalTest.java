package io.tandemcc.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName(
    "The journal: lines on disk before they are acknowledged, read back after a crash, emptied at checkpoints")
class JournalTest {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void closeVertx() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName(
      "an appended line is in the file when its future completes; a new journal on the file reads it back")
  void appendedLinesSurvive() throws Exception {
    Path file = Files.createTempDirectory("journal").resolve("j.jsonl");
    Journal journal = Journal.open(file);
    List<Future<Void>> done = new ArrayList<>();
    onContext(
        () -> {
          for (int i = 1; i <= 50; i++) {
            done.add(journal.append(i, "{\"n\":" + i + "}"));
          }
        });
    await(Future.all(done));
    assertThat(Files.readAllLines(file)).hasSize(50).startsWith("{\"n\":1}").endsWith("{\"n\":50}");
    journal.close(); // as a crash would leave it: nothing checkpointed

    Journal again = Journal.open(file);
    assertThat(again.recovered()).hasSize(50).startsWith("{\"n\":1}");
    again.close();
  }

  @Test
  @DisplayName(
      "a line cut short by a crash (no newline) is dropped when read, and cut from the file")
  void tornLineIsDropped() throws Exception {
    Path file = Files.createTempDirectory("journal").resolve("j.jsonl");
    Files.writeString(file, "{\"n\":1}\n{\"n\":2}\n{\"n\":", StandardCharsets.UTF_8);
    Journal journal = Journal.open(file);
    assertThat(journal.recovered()).containsExactly("{\"n\":1}", "{\"n\":2}");
    await(onContextFuture(() -> journal.append(3, "{\"n\":3}")));
    assertThat(Files.readAllLines(file)).containsExactly("{\"n\":1}", "{\"n\":2}", "{\"n\":3}");
    journal.close();
  }

  @Test
  @DisplayName("a checkpoint empties the file only when nothing newer than it is on disk")
  void checkpointEmptiesWhenCaughtUp() throws Exception {
    Path file = Files.createTempDirectory("journal").resolve("j.jsonl");
    Journal journal = Journal.open(file);
    await(onContextFuture(() -> Future.all(journal.append(1, "a"), journal.append(2, "b"))));
    journal.checkpoint(1); // line 2 is not in the database yet
    await(onContextFuture(() -> journal.append(3, "c")));
    assertThat(Files.readAllLines(file)).containsExactly("a", "b", "c");

    journal.checkpoint(3);
    await(
        onContextFuture(
            () -> journal.append(4, "d"))); // runs after the checkpoint on the journal's thread
    assertThat(Files.readAllLines(file)).containsExactly("d");
    journal.close();
  }

  private void onContext(Runnable action) throws Exception {
    Promise<Void> done = Promise.promise();
    vertx
        .getOrCreateContext()
        .runOnContext(
            v -> {
              action.run();
              done.complete();
            });
    await(done.future());
  }

  private <T> Future<T> onContextFuture(java.util.function.Supplier<Future<T>> action)
      throws Exception {
    Promise<T> result = Promise.promise();
    vertx.getOrCreateContext().runOnContext(v -> action.get().onComplete(result));
    return result.future();
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
