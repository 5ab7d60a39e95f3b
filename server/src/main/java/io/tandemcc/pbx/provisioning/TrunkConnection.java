package io.tandemcc.pbx.provisioning;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a tenant's trunk sends its calls and how it signs in there, as the administration stores
 * it: rendered into pjsip_tenants.conf as the trunk's endpoint, AOR, identify and, with a username,
 * auth and registration.
 *
 * <p>Every value goes into a {@code name=value} line of an Asterisk configuration file, whose
 * syntax cannot escape everything: a line break starts a new directive, {@code ;} starts a comment
 * ({@code ;--} a block comment), a {@code [} at a line start opens a section, {@code \} escapes,
 * {@code =} separates, {@code #} at a line start is an include or exec, and {@code "}/{@code $} are
 * read specially by some modules. So each value is checked against a strict alphabet when it enters
 * (the admin API) and again here, where it leaves (the renderer refuses the model), and the
 * password is never part of a problem text.
 *
 * @param password the digest password, or {@code null} for a trunk that needs none (identified by
 *     its address)
 */
public record TrunkConnection(String host, int port, String username, String password) {
  private static final Pattern HOST =
      Pattern.compile(
          "([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
  private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._+-]{1,64}");

  /** Printable ASCII without space and the characters listed in the class comment. */
  private static final Pattern PASSWORD =
      Pattern.compile("[A-Za-z0-9!%&'()*+,\\-./:<>?@^_`{|}~]{1,128}");

  public static final String PASSWORD_ALPHABET =
      "letters, digits and ! % & ' ( ) * + , - . / : < > ? @ ^ _ ` { | } ~";

  @Override
  public String toString() {
    return "TrunkConnection["
        + host
        + ":"
        + port
        + ", username="
        + username
        + ", password="
        + (password == null ? "none" : "***")
        + "]";
  }

  public static Optional<String> hostProblem(String host) {
    if (host == null || host.length() > 253 || !HOST.matcher(host).matches()) {
      return Optional.of(
          "trunk host "
              + PbxNames.quote(String.valueOf(host))
              + " must be a host name or IPv4 address");
    }
    // the trunk's identify matches its host: on this machine it would claim the Tandem proxy's
    // traffic, and so the
    // agents' (pjsip.conf, TRUST MODEL)
    String h = host.toLowerCase(java.util.Locale.ROOT);
    if (h.equals("localhost")
        || h.endsWith(".localhost")
        || h.matches("127(\\.[0-9]{1,3}){3}")
        || h.equals("0.0.0.0")
        || h.matches("0+(\\.0+){0,3}")) {
      return Optional.of(
          "trunk host "
              + PbxNames.quote(host)
              + " must not be this machine (the agents' traffic "
              + "comes from 127.0.0.1)");
    }
    return Optional.empty();
  }

  public static Optional<String> usernameProblem(String username) {
    return USERNAME.matcher(username).matches()
        ? Optional.empty()
        : Optional.of(
            "trunk username "
                + PbxNames.quote(username)
                + " must be 1 to 64 letters, digits or . _ + -");
  }

  /** Never names the password or any of its characters: a problem text reaches logs. */
  public static Optional<String> passwordProblem(String password) {
    return PASSWORD.matcher(password).matches()
        ? Optional.empty()
        : Optional.of(
            "trunk password must be 1 to 128 of "
                + PASSWORD_ALPHABET
                + " (no spaces, line breaks, ; [ ] = \\ \" # $)");
  }

  /** Every problem of this connection; empty when it can be rendered. */
  List<String> problems() {
    List<String> problems = new ArrayList<>();
    hostProblem(host).ifPresent(problems::add);
    if (port < 1 || port > 65535) {
      problems.add("trunk port " + port + " must be 1 to 65535");
    }
    if (username != null) {
      usernameProblem(username).ifPresent(problems::add);
    }
    if (password != null) {
      passwordProblem(password).ifPresent(problems::add);
      if (username == null) {
        problems.add("trunk password needs a username");
      }
    }
    return problems;
  }
}
