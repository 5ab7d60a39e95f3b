package io.tandemcc.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A recorded AMI trace read as {@code testdata/ami-traces/README.md} says: {@code <<< +S.mmm}
 * starts a frame from Asterisk, {@code >>> +S.mmm} one the client sent; the frame's lines follow
 * (CRLF turned into LF) up to a blank line. {@code # +S.mmm …} between frames is a recorder note
 * (EOF, a refused reconnect); every other {@code #} line is header. The one Java reader of the
 * format (server tests, benchmark); the browser tests' peer ({@code
 * webclient/e2e/support/ami-peer.mjs}) applies the same rules in JavaScript.
 */
public record AmiTrace(String name, List<Entry> entries) {
  private static final Pattern MARK = Pattern.compile("^(<<<|>>>) \\+(\\d+\\.\\d+)\\s*$");
  private static final Pattern NOTE = Pattern.compile("^# \\+(\\d+\\.\\d+) (.*)$");

  /** Who sent a frame. */
  public enum Side {
    /** {@code <<<}: Asterisk. */
    ASTERISK,
    /** {@code >>>}: the recorded client. */
    CLIENT
  }

  /** A frame or a recorder note, in trace order. */
  public sealed interface Entry permits Frame, Note {
    /** Seconds since the trace started. */
    double at();
  }

  /**
   * One frame: its sender, its time and its lines ({@code Name: value}; the banner is one line).
   */
  public record Frame(Side from, double at, List<String> lines) implements Entry {
    public Frame {
      lines = List.copyOf(lines);
    }

    public boolean fromAsterisk() {
      return from == Side.ASTERISK;
    }

    /**
     * The value of the first header with that name (compared case-insensitively), trimmed, or null.
     */
    public String header(String name) {
      for (String line : lines) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
          return line.substring(colon + 1).trim();
        }
      }
      return null;
    }

    public String action() {
      return header("Action");
    }

    public String event() {
      return header("Event");
    }

    public String actionId() {
      return header("ActionID");
    }

    /** Asterisk's greeting: a single line, no headers. */
    public boolean isBanner() {
      return lines.size() == 1 && lines.get(0).contains("Call Manager/");
    }
  }

  /** A recorder note such as {@code connection closed by peer (EOF)}: not wire data. */
  public record Note(double at, String text) implements Entry {}

  public AmiTrace {
    entries = List.copyOf(entries);
  }

  /** The trace {@code testdata/ami-traces/<name>.ami}. */
  public static AmiTrace read(String name) {
    Path file = TestData.amiTrace(name);
    try {
      return parse(
          file.getFileName().toString().replaceFirst("\\.ami$", ""),
          Files.readAllLines(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static AmiTrace parse(String name, List<String> lines) {
    List<Entry> entries = new ArrayList<>();
    int i = 0;
    while (i < lines.size()) {
      String line = lines.get(i++);
      Matcher note = NOTE.matcher(line);
      if (note.matches()) {
        entries.add(new Note(Double.parseDouble(note.group(1)), note.group(2)));
        continue;
      }
      Matcher mark = MARK.matcher(line);
      if (!mark.matches()) {
        continue; // header comments, blank lines
      }
      List<String> frame = new ArrayList<>();
      while (i < lines.size() && !lines.get(i).isEmpty()) {
        String l = lines.get(i++);
        if (!l.startsWith("#")) {
          frame.add(l);
        }
      }
      entries.add(
          new Frame(
              mark.group(1).equals("<<<") ? Side.ASTERISK : Side.CLIENT,
              Double.parseDouble(mark.group(2)),
              frame));
    }
    return new AmiTrace(name, entries);
  }

  /** The frames, both sides, in order. */
  public List<Frame> frames() {
    return entries.stream().filter(Frame.class::isInstance).map(Frame.class::cast).toList();
  }

  /** The frames Asterisk sent, in order (the banner included). */
  public List<Frame> asteriskFrames() {
    return frames().stream().filter(Frame::fromAsterisk).toList();
  }
}
