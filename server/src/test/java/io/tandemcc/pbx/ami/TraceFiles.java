package io.tandemcc.pbx.ami;

import io.tandemcc.testkit.TestData;
import java.nio.file.Path;

/**
 * The recorded AMI traces of the repository ({@code testdata/ami-traces}, located by {@link
 * TestData}): the short names the tests of this package use.
 */
final class TraceFiles {
  private TraceFiles() {}

  static Path directory() {
    return TestData.amiTraces();
  }

  static Path trace(String name) {
    return TestData.amiTrace(name);
  }
}
