package io.tandemcc.admin;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Where the {@code admin} command reads a password: from the terminal without echo, asked twice,
 * when there is one ({@link System#console()}); otherwise the first line of standard input (a
 * script: {@code printf '%s\n' "$PW" | java -jar … admin …}, or a file redirected in). Never from
 * argv, never logged.
 */
final class PasswordInput {
  private final Console console;
  private final InputStream stdin;

  PasswordInput(Console console, InputStream stdin) {
    this.console = console;
    this.stdin = stdin;
  }

  static PasswordInput system() {
    return new PasswordInput(System.console(), System.in);
  }

  /** The password, or a {@link AdminOptions.UsageException} saying why there is none. */
  String read(String whose) throws IOException {
    if (console != null) {
      char[] first = console.readPassword("Password for %s: ", whose);
      char[] second = first == null ? null : console.readPassword("Repeat the password: ");
      try {
        if (first == null || second == null) {
          throw new AdminOptions.UsageException("no password was typed");
        }
        if (!Arrays.equals(first, second)) {
          throw new AdminOptions.UsageException("the two passwords differ");
        }
        return new String(first);
      } finally {
        if (first != null) {
          Arrays.fill(first, '\0');
        }
        if (second != null) {
          Arrays.fill(second, '\0');
        }
      }
    }
    // not a terminal: the first line only (a trailing CR of a Windows-edited file is not part of
    // the password)
    BufferedReader reader =
        new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
    String line = reader.readLine();
    if (line == null || line.isEmpty()) {
      throw new AdminOptions.UsageException(
          "no password on standard input: give it as the first line, or run the "
              + "command in a terminal to type it");
    }
    return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
  }
}
