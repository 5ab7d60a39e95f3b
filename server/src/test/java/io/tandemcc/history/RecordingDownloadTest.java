package io.tandemcc.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandemcc.Server;
import io.tandemcc.support.Api;
import io.tandemcc.support.TestServer;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/history/calls/{id}/recordings/{rid}/audio}: the file of a call's recording, to
 * whoever may see the call, whole or by byte range, and never a file outside the recordings
 * directory.
 */
@DisplayName(
    "Recordings: per-call access, byte ranges, tickets, and no path out of the recordings directory")
class RecordingDownloadTest {
  private static final int SIZE = 1000;
  private final HttpClient http = HttpClient.newHttpClient();
  private Server server;
  private Api api;
  private HistoryFixture f;
  private byte[] content;

  @BeforeEach
  void setUp() throws Exception {
    server = TestServer.get();
    api = new Api(server.port());
    f = new HistoryFixture(server, api);
    content = new byte[SIZE];
    for (int i = 0; i < SIZE; i++) {
      content[i] = (byte) (i * 7 + 3);
    }
    Path dir =
        Files.createDirectories(TestServer.recordingsDir().resolve(String.valueOf(f.t.id())));
    Files.write(dir.resolve("c1.wav"), content);
    Files.write(dir.resolve("c3.wav"), content);
    Path otherDir =
        Files.createDirectories(TestServer.recordingsDir().resolve(String.valueOf(f.other.id())));
    Files.write(otherDir.resolve("f1.wav"), content);
  }

  @Test
  @DisplayName(
      "the whole file is 200 with its length; a range is 206 with Content-Range; past the end is 416")
  void ranges() throws Exception {
    String url = audio(f.c1, f.c1Recording);
    HttpResponse<byte[]> whole = get(url, f.admin, null);
    assertThat(whole.statusCode()).isEqualTo(200);
    assertThat(whole.body()).isEqualTo(content);
    assertThat(whole.headers().firstValue("Content-Type")).hasValue("audio/wav");
    assertThat(whole.headers().firstValue("Accept-Ranges")).hasValue("bytes");
    assertThat(whole.headers().firstValue("Content-Length")).hasValue(String.valueOf(SIZE));
    assertThat(whole.headers().firstValue("Content-Disposition").orElseThrow())
        .startsWith("inline");

    HttpResponse<byte[]> part = get(url, f.admin, "bytes=100-199");
    assertThat(part.statusCode()).isEqualTo(206);
    assertThat(part.headers().firstValue("Content-Range")).hasValue("bytes 100-199/1000");
    assertThat(part.headers().firstValue("Content-Length")).hasValue("100");
    assertThat(part.body()).isEqualTo(Arrays.copyOfRange(content, 100, 200));

    HttpResponse<byte[]> open = get(url, f.admin, "bytes=900-");
    assertThat(open.statusCode()).isEqualTo(206);
    assertThat(open.headers().firstValue("Content-Range")).hasValue("bytes 900-999/1000");
    assertThat(open.body()).isEqualTo(Arrays.copyOfRange(content, 900, 1000));

    HttpResponse<byte[]> suffix = get(url, f.admin, "bytes=-10");
    assertThat(suffix.statusCode()).isEqualTo(206);
    assertThat(suffix.headers().firstValue("Content-Range")).hasValue("bytes 990-999/1000");
    assertThat(suffix.body()).isEqualTo(Arrays.copyOfRange(content, 990, 1000));

    HttpResponse<byte[]> beyondEnd = get(url, f.admin, "bytes=0-5000");
    assertThat(beyondEnd.statusCode()).as("an end past the file is cut to it").isEqualTo(206);
    assertThat(beyondEnd.headers().firstValue("Content-Range")).hasValue("bytes 0-999/1000");

    HttpResponse<byte[]> unsatisfiable = get(url, f.admin, "bytes=1000-");
    assertThat(unsatisfiable.statusCode()).isEqualTo(416);
    assertThat(unsatisfiable.headers().firstValue("Content-Range")).hasValue("bytes */1000");

    HttpResponse<byte[]> several = get(url, f.admin, "bytes=0-1,5-6");
    assertThat(several.statusCode())
        .as("several ranges: the whole file, as RFC 9110 allows")
        .isEqualTo(200);
    assertThat(several.body()).isEqualTo(content);

    HttpResponse<byte[]> download = get(url + "?download=1", f.admin, null);
    assertThat(download.headers().firstValue("Content-Disposition").orElseThrow())
        .isEqualTo("attachment; filename=\"recording-" + f.c1Recording + ".wav\"");
  }

  @Test
  @DisplayName(
      "a recording follows its call's access: the agent of the call and its supervisor, nobody else")
  void accessFollowsTheCall() throws Exception {
    assertThat(get(audio(f.c1, f.c1Recording), f.alice, null).statusCode()).isEqualTo(200);
    assertThat(get(audio(f.c1, f.c1Recording), f.sam, null).statusCode()).isEqualTo(200);
    assertThat(get(audio(f.c3, f.c3Recording), f.alice, null).statusCode())
        .as("carol's call")
        .isEqualTo(404);
    assertThat(get(audio(f.c3, f.c3Recording), f.sam, null).statusCode())
        .as("the sales queue")
        .isEqualTo(404);
    assertThat(get(audio(f.c1, f.c1Recording), f.otherAdmin, null).statusCode()).isEqualTo(404);
    assertThat(get(audio(f.foreign, f.foreignRecording), f.admin, null).statusCode())
        .isEqualTo(404);
    assertThat(get(audio(f.c1, f.c3Recording), f.admin, null).statusCode())
        .as("another call's recording under this call")
        .isEqualTo(404);
    assertThat(get(audio(f.c1, f.c1Recording), null, null).statusCode()).isEqualTo(401);
  }

  @Test
  @DisplayName(
      "the detail's ticket plays the recording without a token; a changed or moved ticket is refused")
  void tickets() throws Exception {
    JsonObject rec =
        api.get("/api/history/calls/" + f.c1, Api.bearer(f.alice))
            .json()
            .getJsonArray("recordings")
            .getJsonObject(0);
    String url = rec.getString("url");
    HttpResponse<byte[]> played = get(url, null, "bytes=0-99");
    assertThat(played.statusCode()).isEqualTo(206);
    assertThat(played.body()).isEqualTo(Arrays.copyOfRange(content, 0, 100));
    HttpResponse<byte[]> downloaded = get(rec.getString("downloadUrl"), null, null);
    assertThat(downloaded.statusCode()).isEqualTo(200);
    assertThat(downloaded.headers().firstValue("Content-Disposition").orElseThrow())
        .startsWith("attachment");

    String ticket = url.substring(url.indexOf("ticket=") + 7);
    String forged =
        ticket.substring(0, ticket.length() - 2) + (ticket.endsWith("AA") ? "BB" : "AA");
    assertThat(get(audio(f.c1, f.c1Recording) + "?ticket=" + forged, null, null).statusCode())
        .isEqualTo(401);
    assertThat(get(audio(f.c3, f.c3Recording) + "?ticket=" + ticket, null, null).statusCode())
        .as("a ticket names its recording")
        .isEqualTo(401);
    String otherIds =
        ticket.replaceFirst(
            "^(\\d+)\\.(\\d+)\\.(\\d+)\\.(\\d+)\\.", "$1.$2." + f.c3 + "." + f.c3Recording + ".");
    assertThat(get(audio(f.c3, f.c3Recording) + "?ticket=" + otherIds, null, null).statusCode())
        .as("ids changed in a ticket break its signature")
        .isEqualTo(401);
  }

  @Test
  @DisplayName(
      "a row naming a file outside the recordings directory, or a link out of it, serves nothing")
  void noPathOutOfTheRecordingsDirectory() throws Exception {
    Path outside = Files.createTempFile("secret", ".wav");
    Files.writeString(outside, "secret");
    Path dir = TestServer.recordingsDir().resolve(String.valueOf(f.t.id()));
    Files.createSymbolicLink(dir.resolve("link.wav"), outside);
    var dsl = server.database().dsl();
    for (String name :
        new String[] {
          "../../../../../../etc/passwd",
          outside.toString(),
          f.t.id() + "/../../" + outside.getFileName(),
          f.t.id() + "/link.wav",
          f.t.id() + "/missing.wav",
          ""
        }) {
      long rid =
          HistoryFixture.recording(
              dsl, f.t.id(), f.c1, "x", name, "2026-01-14T08:01:00Z", null, null);
      HttpResponse<byte[]> r = get(audio(f.c1, rid), f.admin, null);
      assertThat(r.statusCode()).as(name).isEqualTo(404);
      assertThat(new String(r.body()))
          .as(name)
          .contains("recording-missing")
          .doesNotContain("secret")
          .doesNotContain("root:");
    }
    for (String path : new String[] {"..%2F..%2Fetc%2Fpasswd", "%2e%2e", "1e3", "-1"}) {
      HttpResponse<byte[]> r =
          get("/api/history/calls/" + f.c1 + "/recordings/" + path + "/audio", f.admin, null);
      assertThat(r.statusCode()).as(path).isIn(400, 404);
      assertThat(new String(r.body())).doesNotContain("root:");
    }
  }

  private static String audio(long call, long recording) {
    return "/api/history/calls/" + call + "/recordings/" + recording + "/audio";
  }

  private HttpResponse<byte[]> get(String path, String token, String range) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api.base() + path)).GET();
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    if (range != null) {
      b.header("Range", range);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }
}
