package io.tandemcc.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.List;

/**
 * Writes CSV (RFC 4180: comma separated, CRLF line ends, a cell with a comma, quote, CR or LF
 * quoted with its quotes doubled) into any {@link Appendable}, so a caller decides where it goes (a
 * chunk buffer of an HTTP response, a file). Times are written in the given zone as ISO-8601 with
 * their offset ({@code 2026-03-29T03:00:00+02:00}), so a row says both the local time and the
 * instant.
 *
 * <p>Formula injection: a text cell that begins with {@code = + - @}, a tab or a CR would be run as
 * a formula by spreadsheet programs; it gets a leading apostrophe (OWASP's advice), which they show
 * as text. Numbers are written as they are (a negative number is not text).
 */
public final class CsvWriter {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
  private final Appendable out;
  private final ZoneId zone;

  public CsvWriter(Appendable out, ZoneId zone) {
    this.out = out;
    this.zone = zone;
  }

  /** One record: the cells separated by commas, ended by CRLF. */
  public void row(List<?> cells) {
    try {
      for (int i = 0; i < cells.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        cell(cells.get(i));
      }
      out.append("\r\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void cell(Object value) throws IOException {
    if (value == null) {
      return;
    }
    if (value instanceof Number || value instanceof Boolean) {
      out.append(value.toString());
      return;
    }
    String text;
    if (value instanceof Instant i) {
      text = TIME.format(i.atZone(zone).toOffsetDateTime());
    } else if (value instanceof OffsetDateTime t) {
      text = TIME.format(t.atZoneSameInstant(zone).toOffsetDateTime());
    } else if (value instanceof TemporalAccessor t) {
      text = t.toString();
    } else {
      text = value.toString();
    }
    text(text);
  }

  private void text(String s) throws IOException {
    boolean formula = !s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0;
    boolean quote =
        formula
            || s.indexOf(',') >= 0
            || s.indexOf('"') >= 0
            || s.indexOf('\n') >= 0
            || s.indexOf('\r') >= 0;
    if (!quote) {
      out.append(s);
      return;
    }
    out.append('"');
    if (formula) {
      out.append('\'');
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"') {
        out.append('"');
      }
      out.append(c);
    }
    out.append('"');
  }
}
