package io.tandemcc.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tandemcc.Server;
import io.tandemcc.support.Api;
import io.tandemcc.support.TestServer;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The web client as the jar holds it (the Vite build in the classpath's {@code webroot}): no source
 * maps (they handed out our whole source), and nothing inline that the Content-Security-Policy
 * would have to allow.
 */
@DisplayName("The web client's built files")
class WebClientAssetsTest {
  private static final Pattern SCRIPT =
      Pattern.compile("<script\\b([^>]*)>(.*?)</script>", Pattern.DOTALL);

  @Test
  @DisplayName("the build holds no source map and no script points at one; asking for one is a 404")
  void noSourceMaps() throws Exception {
    Path webroot = webroot();
    List<Path> files;
    try (Stream<Path> all = Files.walk(webroot)) {
      files = all.filter(Files::isRegularFile).toList();
    }
    assertThat(files).as("the build has assets").anyMatch(f -> f.toString().endsWith(".js"));
    assertThat(files).noneMatch(f -> f.toString().endsWith(".map"));
    Server server = TestServer.get();
    Api api = new Api(server.port());
    for (Path f : files) {
      if (f.toString().endsWith(".js") || f.toString().endsWith(".css")) {
        assertThat(Files.readString(f)).as(f.toString()).doesNotContain("sourceMappingURL");
        String path = "/" + webroot.relativize(f).toString().replace('\\', '/');
        var asset = api.get(path);
        assertThat(asset.status()).as(path).isEqualTo(200);
        if (path.startsWith("/assets/")) {
          assertThat(asset.raw().headers().firstValue("Cache-Control"))
              .as(path + ": hashed, cached for good")
              .hasValueSatisfying(v -> assertThat(v).contains("max-age=31536000"));
        }
        assertThat(api.get(path + ".map").status()).as(path + ".map").isEqualTo(404);
      }
    }
  }

  @Test
  @DisplayName("index.html has no inline script, no inline style and no event-handler attribute")
  void nothingInline() throws Exception {
    String index = Files.readString(webroot().resolve("index.html"));
    Matcher m = SCRIPT.matcher(index);
    int scripts = 0;
    while (m.find()) {
      scripts++;
      assertThat(m.group(1)).as("external script").contains("src=");
      assertThat(m.group(2).strip()).as("no inline code").isEmpty();
    }
    assertThat(scripts).isPositive();
    assertThat(index)
        .doesNotContainPattern("<style\\b")
        .doesNotContainPattern("\\sstyle=")
        .doesNotContainPattern("\\son[a-z]+=");
  }

  private static Path webroot() throws Exception {
    URL url = WebClientAssetsTest.class.getClassLoader().getResource("webroot/index.html");
    assumeTrue(
        url != null && "file".equals(url.getProtocol()),
        "the web client was not built (-Dskip.webclient)");
    return Path.of(url.toURI()).getParent();
  }
}
