package io.tandemcc.pbx;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * How free text (attached data) travels in a channel variable set by an AMI Originate.
 *
 * <p>Asterisk splits each {@code Variable:} value on commas outside quotes and brackets, drops
 * quotes and backslashes ({@code ast_app_separate_args}) and trims blanks; the dialplan reads
 * commas as argument separators again. So a value travels as it is only when it is made of letters,
 * digits, inner blanks and {@code . _ @ : / + = -}; any other value travels as {@value #MARK}
 * followed by its UTF-8 bytes, those outside {@code A-Z a-z 0-9 . _ -} percent-encoded ({@code
 * 42,__CC_CALLID=x} → {@code ~%42%2C__CC_CALLID%3Dx}). Reading the variable back from events undoes
 * it, so the screen-pop shows exactly what the CRM sent. A plain value can never start with the
 * mark (it holds no {@code ~} or {@code %}).
 */
public final class PbxText {
  /** Starts an encoded value. */
  public static final String MARK = "~%";

  /**
   * Asterisk's manager reads a line into a 1025-byte buffer ({@code inbuf} of its session) and
   * discards a message with a longer line: a field's whole line, {@code Name: value} and its CRLF,
   * must fit in 1024 bytes.
   */
  public static final int MAX_LINE_BYTES = 1024;

  /** Room for {@code Variable: __CC_VAR10=} and the CRLF. */
  private static final int VARIABLE_LINE_OVERHEAD = 32;

  private static final Pattern PLAIN =
      Pattern.compile("[A-Za-z0-9._@:/+=-]([A-Za-z0-9 ._@:/+=-]*[A-Za-z0-9._@:/+=-])?");
  private static final Pattern ENCODED = Pattern.compile("([A-Za-z0-9._-]|%[0-9A-F]{2})*");

  private PbxText() {}

  /**
   * The value as it travels in a channel variable: itself when plain, otherwise marked and
   * percent-encoded.
   */
  public static String encodeVariable(String value) {
    if (value.isEmpty() || PLAIN.matcher(value).matches()) {
      return value;
    }
    StringBuilder out = new StringBuilder(MARK);
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c < 0x80 && (Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-')) {
        out.append((char) c);
      } else {
        out.append('%')
            .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return out.toString();
  }

  /**
   * Undoes {@link #encodeVariable}; any value that is not exactly what it writes is returned as it
   * is.
   */
  public static String decodeVariable(String value) {
    if (value == null
        || !value.startsWith(MARK)
        || !ENCODED.matcher(value).region(MARK.length(), value.length()).matches()) {
      return value;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(value.length());
    for (int i = MARK.length(); i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '%') {
        bytes.write(Integer.parseInt(value.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        bytes.write(c);
      }
    }
    try {
      String decoded =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes.toByteArray()))
              .toString();
      // only what encodeVariable itself writes: a dialplan value that merely looks alike is kept as
      // it is
      return encodeVariable(decoded).equals(value) ? decoded : value;
    } catch (CharacterCodingException e) {
      return value;
    }
  }

  /** Whether the value, encoded, still fits in one AMI line. */
  public static boolean fitsVariable(String value) {
    return encodeVariable(value).getBytes(StandardCharsets.UTF_8).length + VARIABLE_LINE_OVERHEAD
        <= MAX_LINE_BYTES;
  }

  /** The first control character (U+0000–U+001F, U+007F–U+009F) of {@code text}, or -1. */
  public static int firstControl(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
        return i;
      }
    }
    return -1;
  }
}
