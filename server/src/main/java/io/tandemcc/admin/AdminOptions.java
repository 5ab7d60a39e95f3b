package io.tandemcc.admin;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The options of one {@code admin} subcommand: {@code --name value} or {@code --name=value}, and
 * switches without a value ({@code --require-change}), each at most once, only the known ones. A
 * password is never an option: argv shows in {@code ps}, in /proc and in the shell history.
 */
final class AdminOptions {
  private final Map<String, String> values;

  private AdminOptions(Map<String, String> values) {
    this.values = values;
  }

  /** A defect of the command line; its message is for the operator. */
  static final class UsageException extends RuntimeException {
    UsageException(String message) {
      super(message, null, false, false);
    }
  }

  static AdminOptions parse(List<String> args, Set<String> required, Set<String> optional) {
    return parse(args, required, optional, Set.of());
  }

  /**
   * @param switches options without a value; {@link #has} tells whether one was given
   */
  static AdminOptions parse(
      List<String> args, Set<String> required, Set<String> optional, Set<String> switches) {
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (!arg.startsWith("--") || arg.length() == 2) {
        throw new UsageException("unexpected argument '" + printable(arg) + "'");
      }
      int eq = arg.indexOf('=');
      String name = eq < 0 ? arg.substring(2) : arg.substring(2, eq);
      if (name.startsWith("password")) {
        throw new UsageException(
            "--"
                + printable(name)
                + " is refused: a password on the command line shows in the "
                + "process list and the shell history. Type it when asked, or pipe it on standard input (first line).");
      }
      if (switches.contains(name)) {
        if (eq >= 0) {
          throw new UsageException("--" + name + " takes no value");
        }
        if (values.put(name, "") != null) {
          throw new UsageException("--" + name + " is given more than once");
        }
        continue;
      }
      if (!required.contains(name) && !optional.contains(name)) {
        throw new UsageException("unknown option --" + printable(name));
      }
      String value;
      if (eq >= 0) {
        value = arg.substring(eq + 1);
      } else if (i + 1 < args.size()) {
        value = args.get(++i);
      } else {
        throw new UsageException("--" + name + " needs a value");
      }
      if (values.put(name, value) != null) {
        throw new UsageException("--" + name + " is given more than once");
      }
    }
    for (String name : required) {
      if (!values.containsKey(name)) {
        throw new UsageException("--" + name + " is required");
      }
    }
    return new AdminOptions(values);
  }

  String get(String name) {
    return values.get(name);
  }

  boolean has(String name) {
    return values.containsKey(name);
  }

  /**
   * An argument as it may be echoed back: no control characters (a terminal escape sequence, a line
   * break).
   */
  private static String printable(String arg) {
    String cut = arg.length() > 64 ? arg.substring(0, 64) + "…" : arg;
    return cut.replaceAll("\\p{Cntrl}", "?");
  }
}
