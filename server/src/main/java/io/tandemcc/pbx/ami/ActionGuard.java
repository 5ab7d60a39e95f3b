package io.tandemcc.pbx.ami;

import io.tandemcc.pbx.PbxText;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.asteriskjava.AsteriskVersion;
import org.asteriskjava.manager.action.CommandAction;
import org.asteriskjava.manager.action.ManagerAction;
import org.asteriskjava.manager.action.OriginateAction;
import org.asteriskjava.manager.internal.ManagerWriterImpl;
import org.asteriskjava.util.ReflectionUtil;
import org.asteriskjava.util.SocketConnectionFacade;

/**
 * The gate every AMI action passes before asterisk-java writes it ({@link AmiCommands} sends
 * nothing else).
 *
 * <p>asterisk-java writes each field as {@code name: value\r\n} without escaping anything, so a CR
 * or LF in a value ends the action and starts another of the sender's choosing, and AMI reads NUL
 * and other control characters as they come. Two checks, both before anything is written:
 *
 * <ol>
 *   <li>every property asterisk-java will write (the same public getters its {@code
 *       ActionBuilderImpl} reads through {@link ReflectionUtil#getGetters}, the entries of map
 *       properties such as Originate's variables, keys and values alike, and the action name) is
 *       free of control characters (U+0000–U+001F, U+007F–U+009F);
 *   <li>the action is then serialised by asterisk-java's own writer ({@link ManagerWriterImpl}, one
 *       {@code Variable:} line per variable as it writes them to Asterisk 22) into a buffer, and
 *       that exact text must be one {@code name: value} line per field, as many as the action has,
 *       and one blank line at the end: a field the first check missed could not add a line
 *       unnoticed.
 * </ol>
 *
 * <p>Originate's variables get a third rule. Asterisk splits each {@code Variable:} value on commas
 * outside quotes and brackets ({@code ast_app_separate_args} in manager.c) and runs a name ending
 * in {@code )} as a dialplan function, so {@code 42,__CC_CALLID=x,DB(family/key)=v} set two more
 * variables and wrote the AstDB. A variable name is therefore a plain name or {@code
 * FUNCTION(args)}, and a value holds none of {@code , " \ ( ) [ ]}; attached data is encoded by
 * {@link ChannelVars#encode} so that it never needs them. An Originate runs only the applications
 * the product uses (ChanSpy): never {@code System} and the like, whatever the AMI user may do.
 *
 * <p>{@code Command} runs only the CLI lines in {@link #CLI_COMMANDS}. The AMI user needs the
 * {@code command} class for the reloads after provisioning, and that class admits every CLI
 * command, {@code channel originate … application System} included — a shell on the PBX host. So
 * the product's own list is the limit, not the grant.
 */
final class ActionGuard {
  private static final Pattern LINE = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*: [^\\p{Cntrl}]*");
  private static final Pattern VARIABLE_NAME =
      Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\([A-Za-z0-9_,-]*\\))?");
  private static final String VARIABLE_VALUE_REFUSED = ",\"\\()[]";
  private static final Set<String> APPLICATIONS = Set.of("chanspy");

  /**
   * The CLI lines an {@code Action: Command} may carry: the provisioning reloads ({@code
   * PbxConfig.RELOAD_*}, kept equal by ActionGuardTest) and the version query of the link's health
   * check.
   */
  static final Set<String> CLI_COMMANDS =
      Set.of(
          "module reload res_pjsip.so", "queue reload all", "dialplan reload", "core show version");

  private static final String ID = "guard";

  private ActionGuard() {}

  /**
   * @throws IllegalArgumentException naming the action and the field when the action must not be
   *     sent
   */
  static void check(ManagerAction action) {
    String name = action.getAction();
    requireText(name, name, "action");
    int lines = 2; // action and actionid
    for (Map.Entry<String, Method> getter :
        ReflectionUtil.getGetters(action.getClass()).entrySet()) {
      if (getter.getKey().equals("class")) {
        continue;
      }
      Object value = read(action, getter.getValue());
      if (value == null
          || value instanceof Class
          || Set.of("action", "actionid").contains(getter.getKey())) {
        requireText(name, value instanceof String s ? s : null, getter.getKey());
        continue;
      }
      if (value instanceof Map<?, ?> map) {
        for (Map.Entry<?, ?> entry : map.entrySet()) {
          requireText(name, String.valueOf(entry.getKey()), getter.getKey() + " name");
          requireText(
              name,
              entry.getValue() == null ? null : String.valueOf(entry.getValue()),
              getter.getKey() + " " + entry.getKey());
        }
        lines += map.size();
      } else {
        requireText(name, value.toString(), getter.getKey());
        lines++;
      }
    }
    if (action instanceof OriginateAction originate) {
      checkOriginate(originate);
    }
    if (action instanceof CommandAction command && !CLI_COMMANDS.contains(command.getCommand())) {
      throw new IllegalArgumentException(
          "AMI Command: '"
              + command.getCommand()
              + "' is not a CLI command the product runs; nothing was sent");
    }
    checkWire(name, serialised(action), lines);
  }

  /**
   * Returns {@code text} when it holds no control character (null passes), else refuses naming
   * {@code field}.
   */
  static String requireText(String action, String text, String field) {
    if (text == null) {
      return null;
    }
    int at = PbxText.firstControl(text);
    if (at >= 0) {
      throw new IllegalArgumentException(
          "AMI "
              + action
              + ": the field '"
              + field
              + "' contains a control character (U+"
              + String.format(Locale.ROOT, "%04X", (int) text.charAt(at))
              + "); nothing was sent");
    }
    return text;
  }

  private static void checkOriginate(OriginateAction originate) {
    if (originate.getApplication() != null
        && !APPLICATIONS.contains(originate.getApplication().toLowerCase(Locale.ROOT))) {
      throw new IllegalArgumentException(
          "AMI Originate: application '"
              + originate.getApplication()
              + "' is not one the product runs; nothing was sent");
    }
    if (originate.getVariables() == null) {
      return;
    }
    originate
        .getVariables()
        .forEach(
            (key, value) -> {
              if (key == null || !VARIABLE_NAME.matcher(key).matches()) {
                throw new IllegalArgumentException(
                    "AMI Originate: '" + key + "' is not a variable name; nothing was sent");
              }
              if (value != null
                  && value.chars().anyMatch(c -> VARIABLE_VALUE_REFUSED.indexOf(c) >= 0)) {
                throw new IllegalArgumentException(
                    "AMI Originate: the value of variable "
                        + key
                        + " holds one of , \" \\ ( ) [ ] (Asterisk would split it into more variables); nothing was sent");
              }
            });
  }

  private static void checkWire(String action, String text, int expectedLines) {
    if (!text.endsWith("\r\n\r\n")) {
      throw new IllegalArgumentException(
          "AMI " + action + ": the action does not end with one blank line");
    }
    String[] lines = text.substring(0, text.length() - 4).split("\r\n", -1);
    if (lines.length != expectedLines) {
      throw new IllegalArgumentException(
          "AMI "
              + action
              + ": "
              + lines.length
              + " lines written for "
              + expectedLines
              + " fields; nothing was sent");
    }
    for (String line : lines) {
      if (!LINE.matcher(line).matches()) {
        throw new IllegalArgumentException(
            "AMI " + action + ": a line that is not 'name: value'; nothing was sent");
      }
      // Asterisk would discard the action (and an older one read the rest of the line as a header
      // of its own)
      if (line.getBytes(StandardCharsets.UTF_8).length + 2 > PbxText.MAX_LINE_BYTES) {
        throw new IllegalArgumentException(
            "AMI "
                + action
                + ": the field '"
                + line.substring(0, line.indexOf(':'))
                + "' is longer than an AMI line ("
                + PbxText.MAX_LINE_BYTES
                + " bytes); nothing was sent");
      }
    }
  }

  private static Object read(ManagerAction action, Method getter) {
    try {
      return getter.invoke(action);
    } catch (ReflectiveOperationException | RuntimeException e) {
      // asterisk-java logs and skips such a property; nothing of it would be written
      return null;
    }
  }

  /**
   * The exact text asterisk-java's writer would put on the socket (in the form it uses with
   * Asterisk 22).
   */
  static String serialised(ManagerAction action) {
    Capture capture = new Capture();
    ManagerWriterImpl writer = new ManagerWriterImpl();
    writer.setTargetVersion(AsteriskVersion.ASTERISK_22);
    writer.setSocket(capture);
    try {
      writer.sendAction(action, ID);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("writing into a buffer failed", e);
    }
    return capture.text.toString();
  }

  /** A socket that only keeps what is written to it. */
  private static final class Capture implements SocketConnectionFacade {
    final StringBuilder text = new StringBuilder();

    @Override
    public String readLine() {
      return null;
    }

    @Override
    public void write(String s) {
      text.append(s);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}

    @Override
    public boolean isConnected() {
      return true;
    }

    @Override
    public InetAddress getLocalAddress() {
      return InetAddress.getLoopbackAddress();
    }

    @Override
    public int getLocalPort() {
      return 0;
    }

    @Override
    public InetAddress getRemoteAddress() {
      return InetAddress.getLoopbackAddress();
    }

    @Override
    public int getRemotePort() {
      return 0;
    }
  }
}
