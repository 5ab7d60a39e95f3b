package io.tandemcc.support;

import io.tandemcc.testkit.TestData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The recorded JsSIP ↔ Asterisk WebSocket traces of the repository ({@code testdata/sip-traces},
 * located by {@link TestData}), read as their README says: the text between two marker lines,
 * without its last LF, with LF turned into CRLF, is one WebSocket frame, byte for byte.
 */
public final class SipTraces {
  private static final Pattern MARKER =
      Pattern.compile("(?m)^(>>>|<<<) \\+[0-9.]+ (browser->asterisk|asterisk->browser)\\n");

  private SipTraces() {}

  /** Who sent a frame. */
  public enum Direction {
    /** {@code >>>}: the browser sent it to Asterisk. */
    TO_ASTERISK,
    /** {@code <<<}: Asterisk sent it to the browser. */
    TO_BROWSER
  }

  /** One WebSocket frame of a trace. */
  public record Frame(Direction direction, String text) {
    public boolean toAsterisk() {
      return direction == Direction.TO_ASTERISK;
    }

    public byte[] bytes() {
      return text.getBytes(StandardCharsets.UTF_8);
    }
  }

  /** The traces folder, {@code testdata/sip-traces}. */
  public static Path dir() {
    return TestData.sipTraces();
  }

  /**
   * The frames of the trace whose file name starts with {@code prefix}, e.g. {@code "01"} or {@code
   * "01-register"}.
   */
  public static List<Frame> load(String prefix) {
    try (Stream<Path> files = Files.list(dir())) {
      Path file =
          files
              .filter(
                  f ->
                      f.getFileName().toString().startsWith(prefix)
                          && f.getFileName().toString().endsWith(".sip"))
              .findFirst()
              .orElseThrow(() -> new IllegalArgumentException("no trace " + prefix));
      return parse(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Frame {@code index} of a trace, as text. */
  public static String frame(String prefix, int index) {
    return load(prefix).get(index).text();
  }

  static List<Frame> parse(String file) {
    List<Frame> frames = new ArrayList<>();
    Matcher m = MARKER.matcher(file);
    List<int[]> marks = new ArrayList<>();
    List<Direction> directions = new ArrayList<>();
    while (m.find()) {
      marks.add(new int[] {m.start(), m.end()});
      directions.add(m.group(1).equals(">>>") ? Direction.TO_ASTERISK : Direction.TO_BROWSER);
    }
    for (int i = 0; i < marks.size(); i++) {
      int end = i + 1 < marks.size() ? marks.get(i + 1)[0] : file.length();
      String between = file.substring(marks.get(i)[1], end);
      String text = between.substring(0, between.length() - 1).replace("\n", "\r\n");
      frames.add(new Frame(directions.get(i), text));
    }
    return frames;
  }
}
