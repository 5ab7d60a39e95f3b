package io.tandemcc.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("CsvWriter: RFC 4180 quoting, formula-injection guard, times in the tenant's zone")
class CsvWriterTest {
  private static String csv(List<?>... rows) {
    StringBuilder out = new StringBuilder();
    CsvWriter w = new CsvWriter(out, ZoneId.of("Europe/Berlin"));
    for (List<?> row : rows) {
      w.row(row);
    }
    return out.toString();
  }

  @Test
  @DisplayName("plain cells are written as they are, rows end with CRLF, null is an empty cell")
  void plainCells() {
    assertThat(csv(List.of("agentId", "name"), Arrays.asList(12L, null, "Alice", 1.5)))
        .isEqualTo("agentId,name\r\n12,,Alice,1.5\r\n");
  }

  @Test
  @DisplayName("commas, quotes, CR and LF are quoted with quotes doubled")
  void quoting() {
    assertThat(csv(List.of("a,b", "say \"hi\"", "two\nlines", "cr\rhere", "ünïcødé")))
        .isEqualTo("\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\rhere\",ünïcødé\r\n");
  }

  @Test
  @DisplayName(
      "text that a spreadsheet would run as a formula gets a leading apostrophe; numbers do not")
  void formulaInjection() {
    assertThat(csv(List.of("=HYPERLINK(\"x\")", "+1", "-2+3", "@SUM(A1)", "\tx", "a=b", -5L, -1.5)))
        .isEqualTo(
            "\"'=HYPERLINK(\"\"x\"\")\",\"'+1\",\"'-2+3\",\"'@SUM(A1)\",\"'\tx\",a=b,-5,-1.5\r\n");
  }

  @Test
  @DisplayName(
      "instants are written in the zone with their offset, on both sides of a DST change; dates as they are")
  void times() {
    assertThat(
            csv(
                List.of(
                    Instant.parse("2026-03-29T00:30:00Z"),
                    Instant.parse("2026-03-29T01:30:00Z"),
                    LocalDate.of(2026, 3, 29))))
        .isEqualTo("2026-03-29T01:30:00+01:00,2026-03-29T03:30:00+02:00,2026-03-29\r\n");
  }
}
