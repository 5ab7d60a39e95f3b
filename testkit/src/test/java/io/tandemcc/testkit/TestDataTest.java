package io.tandemcc.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TestDataTest {

  @Test
  @DisplayName("the traces are the repository's own testdata folder, next to the modules")
  void repositoryFolder() {
    Path root = TestData.root();
    assertThat(root.getFileName()).hasToString("testdata");
    assertThat(root.getParent().resolve("pom.xml")).isRegularFile();
    assertThat(root.getParent().resolve("testkit")).isDirectory();
    assertThat(TestData.amiTraces().resolve("README.md")).isRegularFile();
    assertThat(TestData.sipTraces().resolve("README.md")).isRegularFile();
  }

  @Test
  @DisplayName("without the property, walking up from the working directory finds the same folder")
  void walksUp() {
    String given = System.getProperty(TestData.PROPERTY);
    System.clearProperty(TestData.PROPERTY);
    try {
      if (System.getenv(TestData.ENV) == null) {
        assertThat(TestData.root()).isEqualTo(Path.of(given).toAbsolutePath().normalize());
      }
    } finally {
      if (given != null) {
        System.setProperty(TestData.PROPERTY, given);
      }
    }
  }

  @Test
  @DisplayName("a named folder without ami-traces is an error, not a silent search elsewhere")
  void namedFolderMustHoldTraces() throws Exception {
    String given = System.getProperty(TestData.PROPERTY);
    Path empty = Files.createTempDirectory("no-traces");
    System.setProperty(TestData.PROPERTY, empty.toString());
    try {
      assertThatThrownBy(TestData::root)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("no ami-traces");
    } finally {
      if (given == null) {
        System.clearProperty(TestData.PROPERTY);
      } else {
        System.setProperty(TestData.PROPERTY, given);
      }
    }
  }

  @Test
  @DisplayName("an unknown trace name fails with the path it looked for")
  void unknownTrace() {
    assertThatThrownBy(() -> TestData.amiTrace("99-nothing"))
        .hasMessageContaining("99-nothing.ami");
  }
}
