package io.tandemcc.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandemcc.history.ByteRange.Part;
import io.tandemcc.history.ByteRange.Unsatisfiable;
import io.tandemcc.history.ByteRange.Whole;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Range headers of recordings (RFC 9110 §14)")
class ByteRangeTest {
  @Test
  @DisplayName(
      "one range is served, cut to the file; several, other units and nonsense are the whole file")
  void parses() {
    assertThat(ByteRange.parse("bytes=0-99", 1000)).isEqualTo(new Part(new ByteRange(0, 99)));
    assertThat(ByteRange.parse("bytes=500-", 1000)).isEqualTo(new Part(new ByteRange(500, 999)));
    assertThat(ByteRange.parse("bytes=-100", 1000)).isEqualTo(new Part(new ByteRange(900, 999)));
    assertThat(ByteRange.parse("bytes=-5000", 1000)).isEqualTo(new Part(new ByteRange(0, 999)));
    assertThat(ByteRange.parse("bytes=990-2000", 1000))
        .isEqualTo(new Part(new ByteRange(990, 999)));
    assertThat(ByteRange.parse("BYTES=1-1", 1000)).isEqualTo(new Part(new ByteRange(1, 1)));
    assertThat(ByteRange.parse("bytes=1000-", 1000)).isEqualTo(new Unsatisfiable());
    assertThat(ByteRange.parse("bytes=-0", 1000)).isEqualTo(new Unsatisfiable());
    assertThat(ByteRange.parse("bytes=0-", 0)).isEqualTo(new Unsatisfiable());
    for (String ignored :
        new String[] {
          null,
          "",
          "bytes=",
          "bytes=-",
          "bytes=5-1",
          "bytes=0-1,3-4",
          "items=0-1",
          "bytes=a-b",
          "bytes=+1-2",
          "bytes=99999999999999999999-"
        }) {
      assertThat(ByteRange.parse(ignored, 1000)).as(String.valueOf(ignored)).isEqualTo(new Whole());
    }
  }
}
