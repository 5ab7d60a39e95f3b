package io.tandemcc.pbx.provisioning;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The PBX names of a tenant's objects and the rules that keep them safe to write into Asterisk
 * configuration.
 *
 * <p>Every PBX name of a tenant starts with its domain and a dash ({@code acme-1001}, {@code
 * acme-support}, {@code acme-agents}); a domain has no dash itself, so the owner of any name is the
 * text before its first dash and two tenants can never produce the same name. (The AMI layer parses
 * names the same way.)
 *
 * <p>The rules are public so that the server can refuse bad input when it is entered, long before
 * rendering.
 */
public final class PbxNames {
  /** Longest domain: a DNS label. */
  public static final int MAX_DOMAIN = 63;

  /**
   * Longest queue or trunk name; a queue name is also a dialplan extension (Asterisk allows 79
   * characters).
   */
  public static final int MAX_NAME = 79;

  /** Longest display name, in characters (code points). */
  public static final int MAX_DISPLAY_NAME = 80;

  public static final int MAX_PENALTY = 1000;

  /**
   * Domains that would clash with the static configuration: its contexts and templates start with
   * {@code tandem-} (e.g. {@code tandem-queue-entry}), its transports with {@code transport-}.
   */
  public static final Set<String> RESERVED_DOMAINS = Set.of("tandem", "transport");

  private static final Pattern DOMAIN = Pattern.compile("[a-z0-9]{1," + MAX_DOMAIN + "}");
  private static final Pattern EXTENSION = Pattern.compile("[0-9]{2,8}");
  private static final Pattern SUFFIX = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");
  private static final Pattern CALLER_ID_NUMBER = Pattern.compile("\\+?[0-9]{2,20}");

  /** Besides letters, combining marks, digits and the plain space. */
  private static final String DISPLAY_NAME_PUNCTUATION = ".,'-_&@+/";

  private PbxNames() {}

  /** The agent's PJSIP endpoint and AOR, e.g. {@code acme-1001}. */
  public static String endpoint(String domain, String extension) {
    return domain + "-" + extension;
  }

  /** The agent's queue member interface and dial string, e.g. {@code PJSIP/acme-1001}. */
  public static String agentInterface(String domain, String extension) {
    return "PJSIP/" + endpoint(domain, extension);
  }

  /** What the tenant's agents dial: the context of their endpoints, e.g. {@code acme-agents}. */
  public static String agentsContext(String domain) {
    return domain + "-agents";
  }

  /**
   * Where callers enter the tenant's queues (extension = queue name), e.g. {@code
   * acme-queue-entry}.
   */
  public static String queueEntryContext(String domain) {
    return domain + "-queue-entry";
  }

  /**
   * The tenant's conference rooms (extension = room number), e.g. {@code acme-conf}; only the
   * server sends legs there.
   */
  public static String conferenceContext(String domain) {
    return domain + "-conf";
  }

  /**
   * Where the server holds a customer whose agent's page went away mid-call (extension = the queue
   * to go back to, or {@code hangup}) and rings the agent's new leg ({@code agent}), e.g. {@code
   * acme-reattach} (docs/webphone.md).
   */
  /**
   * The extension of {@code <tenant>-reattach} for a customer who is not sent back to a queue after
   * the grace.
   */
  public static final String REATTACH_HANGUP = "hangup";

  /** The extension of {@code <tenant>-reattach} the agent's new leg runs. */
  public static final String REATTACH_AGENT = "agent";

  public static String reattachContext(String domain) {
    return domain + "-reattach";
  }

  /**
   * The context of the tenant's trunk, written by hand in extensions.conf, e.g. {@code
   * acme-inbound}.
   */
  public static String inboundContext(String domain) {
    return domain + "-inbound";
  }

  /**
   * Lower-case letters and digits, no dash, at most {@value #MAX_DOMAIN}; not {@link
   * #RESERVED_DOMAINS reserved}.
   */
  public static Optional<String> domainProblem(String domain) {
    if (!DOMAIN.matcher(domain).matches()) {
      return Optional.of(
          "domain "
              + quote(domain)
              + " must be 1 to "
              + MAX_DOMAIN
              + " lower-case letters and digits (no dash: PBX names are split at their first dash)");
    }
    if (RESERVED_DOMAINS.contains(domain)) {
      return Optional.of(
          "domain " + quote(domain) + " is reserved for the static Asterisk configuration");
    }
    return Optional.empty();
  }

  /** 2 to 8 digits. */
  public static Optional<String> extensionProblem(String extension) {
    return EXTENSION.matcher(extension).matches()
        ? Optional.empty()
        : Optional.of("extension " + quote(extension) + " must be 2 to 8 digits");
  }

  /**
   * {@code <domain>-} followed by lower-case letters, digits and inner dashes; at most {@value
   * #MAX_NAME} long.
   */
  public static Optional<String> ownedNameProblem(String what, String domain, String name) {
    String prefix = domain + "-";
    if (!name.startsWith(prefix)
        || !SUFFIX.matcher(name.substring(prefix.length())).matches()
        || name.length() > MAX_NAME) {
      return Optional.of(
          what
              + " "
              + quote(name)
              + " must be "
              + quote(prefix)
              + " followed by lower-case letters, digits and inner dashes, at most "
              + MAX_NAME
              + " characters");
    }
    return Optional.empty();
  }

  /** Digits with an optional leading {@code +}, 2 to 20 digits. */
  public static Optional<String> callerIdNumberProblem(String number) {
    return CALLER_ID_NUMBER.matcher(number).matches()
        ? Optional.empty()
        : Optional.of(
            "caller id number "
                + quote(number)
                + " must be 2 to 20 digits with an optional leading +");
  }

  /**
   * A display name is written quoted into pjsip.conf ({@code callerid="Alice Agent" <1001>}) and
   * queues.conf (member name). Asterisk's configuration syntax cannot escape everything there — a
   * {@code ;} starts a comment, a {@code "} ends the quoting, parentheses and brackets change how
   * arguments are split, a line break starts a new directive — so only letters and combining marks
   * of any script, digits, the plain space and {@value #DISPLAY_NAME_PUNCTUATION} are accepted,
   * with no space at either end, at most {@value #MAX_DISPLAY_NAME} characters.
   */
  public static Optional<String> displayNameProblem(String displayName) {
    if (displayName.isBlank()) {
      return Optional.of("display name must not be blank");
    }
    if (!displayName.strip().equals(displayName)) {
      return Optional.of(
          "display name " + quote(displayName) + " must not start or end with a space");
    }
    if (displayName.codePointCount(0, displayName.length()) > MAX_DISPLAY_NAME) {
      return Optional.of(
          "display name "
              + quote(displayName)
              + " is longer than "
              + MAX_DISPLAY_NAME
              + " characters");
    }
    OptionalInt bad = displayName.codePoints().filter(c -> !displayNameCharacter(c)).findFirst();
    if (bad.isPresent()) {
      return Optional.of(
          "display name "
              + quote(displayName)
              + " contains "
              + describe(bad.getAsInt())
              + "; allowed are letters, digits, spaces and "
              + DISPLAY_NAME_PUNCTUATION);
    }
    return Optional.empty();
  }

  /** How a name is compared in the dialplan, where Asterisk ignores dashes in extensions. */
  static String dialplanKey(String extension) {
    return extension.replace("-", "");
  }

  private static boolean displayNameCharacter(int c) {
    if (c == ' ' || Character.isDigit(c) || DISPLAY_NAME_PUNCTUATION.indexOf(c) >= 0) {
      return true;
    }
    if (Character.isLetter(c)) {
      return true;
    }
    int type = Character.getType(c);
    return type == Character.NON_SPACING_MARK
        || type == Character.COMBINING_SPACING_MARK
        || type == Character.ENCLOSING_MARK;
  }

  private static String describe(int c) {
    String code = String.format("U+%04X", c);
    return c >= 0x20
            && c != 0x7F
            && !Character.isISOControl(c)
            && Character.getType(c) != Character.FORMAT
        ? "'" + new String(Character.toChars(c)) + "' (" + code + ")"
        : code;
  }

  /**
   * A value for an error message: quoted, control and format characters shown as U+XXXX, cut after
   * 100 characters.
   */
  static String quote(String value) {
    StringBuilder out = new StringBuilder("\"");
    value
        .codePoints()
        .limit(100)
        .forEach(
            c -> {
              if (Character.isISOControl(c)
                  || Character.getType(c) == Character.FORMAT
                  || c == '"'
                  || c == '\\') {
                out.append(String.format("\\u%04X", c));
              } else {
                out.appendCodePoint(c);
              }
            });
    if (value.codePointCount(0, value.length()) > 100) {
      out.append("...");
    }
    return out.append('"').toString();
  }
}
