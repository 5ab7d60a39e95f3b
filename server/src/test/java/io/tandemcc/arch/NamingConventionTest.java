package io.tandemcc.arch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The PBX naming convention {@code <tenant>-<extension>} is spelt in one place, {@code
 * pbx.AgentEndpoint} (issue 18: it was re-spelt in queue, supervisor, sip and call). Bytecode
 * cannot tell a string concatenation apart, so this reads the sources: a {@code "-" + …extension}
 * outside {@code pbx} fails.
 */
@DisplayName("Naming convention in one place")
class NamingConventionTest {
  private static final Pattern RESPELT = Pattern.compile("\"-\"\\s*\\+\\s*[\\w.()]*[eE]xtension");

  @Test
  @DisplayName("no <tenant>-<extension> concatenation outside pbx")
  void endpointNamesComeFromPbx() throws IOException {
    Path main = Path.of("src/main/java/io/tandemcc");
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(main)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        if (main.relativize(file).startsWith("pbx")) {
          continue;
        }
        // the whole file, not line by line: the formatter may break the concatenation over two
        // lines
        String text = Files.readString(file);
        var m = RESPELT.matcher(text);
        while (m.find()) {
          int line = (int) text.substring(0, m.start()).chars().filter(c -> c == '\n').count() + 1;
          found.add(main.relativize(file) + ":" + line + ": " + m.group());
        }
      }
    }
    assertThat(found).as("use pbx.AgentEndpoint.nameOf").isEmpty();
    assertThat(RESPELT.matcher("key(q, ref.domain() + \"-\"\n    + ref.extension())").find())
        .as("the probe")
        .isTrue();
  }
}
