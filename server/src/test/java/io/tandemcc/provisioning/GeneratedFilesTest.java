package io.tandemcc.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The generated files are replaced atomically, and only when their content changed")
class GeneratedFilesTest {
  @TempDir Path dir;

  @Test
  @DisplayName("new files are written readable for Asterisk, with no temporary file left behind")
  void writesNewFiles() throws Exception {
    GeneratedFiles files = new GeneratedFiles(dir.resolve("tandem"));

    assertThat(files.writeChanged(files("; a ü\n", "; b\n"))).containsExactly("a.conf", "b.conf");

    Path tandem = dir.resolve("tandem");
    assertThat(Files.readString(tandem.resolve("a.conf"))).isEqualTo("; a ü\n");
    assertThat(
            PosixFilePermissions.toString(Files.getPosixFilePermissions(tandem.resolve("a.conf"))))
        .isEqualTo("rw-r-----");
    try (Stream<Path> listed = Files.list(tandem)) {
      assertThat(listed.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("a.conf", "b.conf");
    }
  }

  @Test
  @DisplayName("an unchanged file is not touched; a changed one is replaced")
  void onlyChangedFilesAreReplaced() throws Exception {
    GeneratedFiles files = new GeneratedFiles(dir);
    files.writeChanged(files("; a\n", "; b\n"));
    FileTime old = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
    Files.setLastModifiedTime(dir.resolve("a.conf"), old);
    Files.setLastModifiedTime(dir.resolve("b.conf"), old);

    assertThat(files.writeChanged(files("; a\n", "; b changed\n"))).containsExactly("b.conf");

    assertThat(Files.getLastModifiedTime(dir.resolve("a.conf"))).isEqualTo(old);
    assertThat(Files.readString(dir.resolve("b.conf"))).isEqualTo("; b changed\n");
    assertThat(files.writeChanged(files("; a\n", "; b changed\n"))).isEmpty();
  }

  @Test
  @DisplayName("a replaced file keeps the permissions it had")
  void permissionsAreKept() throws Exception {
    Files.writeString(dir.resolve("a.conf"), "; old\n");
    Files.setPosixFilePermissions(
        dir.resolve("a.conf"), PosixFilePermissions.fromString("rw-r-----"));

    new GeneratedFiles(dir).writeChanged(files("; a\n", "; b\n"));

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("a.conf"))))
        .isEqualTo("rw-r-----");
  }

  @Test
  @DisplayName("a file edited by hand is put back")
  void handEditsAreReverted() throws Exception {
    GeneratedFiles files = new GeneratedFiles(dir);
    files.writeChanged(files("; a\n", "; b\n"));
    Files.writeString(dir.resolve("a.conf"), "; edited by hand\n");

    assertThat(files.writeChanged(files("; a\n", "; b\n"))).containsExactly("a.conf");
    assertThat(Files.readString(dir.resolve("a.conf"))).isEqualTo("; a\n");
  }

  private static Map<String, String> files(String a, String b) {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("a.conf", a);
    files.put("b.conf", b);
    return files;
  }
}
