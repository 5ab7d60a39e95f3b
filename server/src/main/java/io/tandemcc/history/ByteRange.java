package io.tandemcc.history;

import java.util.Optional;

/**
 * The one byte range of a {@code Range} header a media response serves (RFC 9110 §14): {@code
 * bytes=a-b}, {@code bytes=a-} or {@code bytes=-n}. Several ranges, other units or syntax errors
 * are ignored (the whole file is sent, as the RFC allows); a range that starts past the end is
 * unsatisfiable (416).
 */
public record ByteRange(long start, long end) {
  /** What a request asks for. */
  public sealed interface Wanted {}

  /** No (usable) range: send the whole file. */
  public record Whole() implements Wanted {}

  /** This part (end included). */
  public record Part(ByteRange range) implements Wanted {}

  /** Nothing of the file can be sent. */
  public record Unsatisfiable() implements Wanted {}

  public long length() {
    return end - start + 1;
  }

  public static Wanted parse(String header, long size) {
    if (header == null) {
      return new Whole();
    }
    String h = header.strip();
    if (!h.regionMatches(true, 0, "bytes=", 0, 6) || h.indexOf(',') >= 0) {
      return new Whole();
    }
    String spec = h.substring(6).strip();
    int dash = spec.indexOf('-');
    if (dash < 0) {
      return new Whole();
    }
    Optional<Long> first = number(spec.substring(0, dash).strip());
    Optional<Long> last = number(spec.substring(dash + 1).strip());
    boolean firstGiven = !spec.substring(0, dash).isBlank();
    boolean lastGiven = !spec.substring(dash + 1).isBlank();
    if (firstGiven && first.isEmpty() || lastGiven && last.isEmpty() || !firstGiven && !lastGiven) {
      return new Whole();
    }
    if (!firstGiven) { // the last n bytes
      long n = last.get();
      if (n == 0 || size == 0) {
        return new Unsatisfiable();
      }
      return new Part(new ByteRange(Math.max(0, size - n), size - 1));
    }
    long start = first.get();
    if (lastGiven && last.get() < start) {
      return new Whole(); // invalid: ignored
    }
    if (start >= size) {
      return new Unsatisfiable();
    }
    long end = lastGiven ? Math.min(last.get(), size - 1) : size - 1;
    return new Part(new ByteRange(start, end));
  }

  private static Optional<Long> number(String s) {
    if (s.isEmpty() || s.length() > 18 || !s.chars().allMatch(Character::isDigit)) {
      return Optional.empty();
    }
    return Optional.of(Long.parseLong(s));
  }
}
