package io.tandemcc.tenant;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A tenant's rules for outside numbers (toll-fraud control, docs/call-control.md "Outbound rules"),
 * and their evaluation: plain Java, no I/O.
 *
 * <p>A number is first normalised the way the generated dialplan reads it: formatting ({@code space
 * - . ( ) /}) is dropped, then one leading {@code 9} (the outside line, dialplan pattern {@code
 * _9X.}), then it is written in one canonical form so that {@code +49 900 1}, {@code 0049 900 1}
 * and {@code 0900 1} compare alike: {@code +...} stays, {@code 00...} (the international access
 * prefix) becomes {@code +...}, {@code 0...} (the national trunk prefix) becomes {@code +<country
 * code>...} when the tenant has a country code; anything else (a local number, a short code) stays
 * as it is. Prefixes are normalised the same way, without the outside-line step.
 *
 * <ul>
 *   <li><b>International</b>: the canonical number starts with {@code +} and not with the tenant's
 *       own {@code +<country code>} (every {@code +} number when the tenant has none).
 *   <li><b>Premium</b>: it starts with one of the tenant's premium prefixes ({@link
 *       #DEFAULT_PREMIUM} by default).
 * </ul>
 *
 * <p>Order: a blocked prefix refuses first (blocked wins over allowed); a premium number needs
 * premium allowed (an allowed prefix does not admit it); when allowed prefixes are set, the number
 * must start with one of them; an international number needs international allowed or an allowed
 * prefix that matches it (allow-listing a country).
 */
public record OutboundRules(
    String countryCode,
    List<String> allowedPrefixes,
    List<String> blockedPrefixes,
    List<String> premiumPrefixes,
    boolean internationalAllowed,
    boolean premiumAllowed,
    int maxPerTenant,
    int maxPerAgent) {

  // before DEFAULTS: its constructor uses them
  private static final Pattern PREFIX = Pattern.compile("\\+?[0-9]{1,16}");
  private static final Pattern COUNTRY = Pattern.compile("[1-9][0-9]{0,2}");
  private static final Pattern FORMATTING = Pattern.compile("[\\s\\-./()]");

  /** The premium prefixes of a new tenant (the database default of {@code premium_prefixes}). */
  public static final List<String> DEFAULT_PREMIUM =
      List.of(
          "0900", "00900", "+900", "+1900", "+1976", "+449", "+4487", "+979", "+870", "+881",
          "+882", "+883");

  /** A tenant without rules of its own: the column defaults of {@code tenant_outbound_rules}. */
  public static final OutboundRules DEFAULTS =
      new OutboundRules(null, List.of(), List.of(), DEFAULT_PREMIUM, false, false, 10, 1);

  public OutboundRules {
    if (countryCode != null && !COUNTRY.matcher(countryCode).matches()) {
      throw new IllegalArgumentException("not a country calling code: " + countryCode);
    }
    allowedPrefixes = prefixes(allowedPrefixes);
    blockedPrefixes = prefixes(blockedPrefixes);
    premiumPrefixes = prefixes(premiumPrefixes);
    if (maxPerTenant < 0 || maxPerAgent < 0) {
      throw new IllegalArgumentException("caps are 0 or more");
    }
  }

  /** Which rule refused a number or a call; {@link #label()} names it in the audit log. */
  public enum Rule {
    BLOCKED_PREFIX,
    PREMIUM,
    INTERNATIONAL,
    NOT_ALLOWED,
    TENANT_CAP,
    AGENT_CAP,
    /** The agent's working way is inbound only (set by the tenant's admin). */
    INBOUND_ONLY;

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }

    /** A cap refuses with {@code outbound-cap}, any other rule with {@code outbound-refused}. */
    public boolean isCap() {
      return this == TENANT_CAP || this == AGENT_CAP;
    }
  }

  /** A refusal: the rule, and a sentence for the agent saying which rule (no secret in it). */
  public record Refusal(Rule rule, String detail) {}

  /**
   * Whether the generated dialplan sends {@code dialled} to the trunk: its patterns {@code _9X.},
   * {@code _0X.} and {@code _+X.} (pbx.provisioning.DialplanRenderer). Anything else (a colleague's
   * extension, a short code) never reaches the trunk, so the rules and caps are not about it.
   */
  public static boolean reachesTrunk(String dialled) {
    String n = FORMATTING.matcher(Objects.requireNonNull(dialled, "dialled")).replaceAll("");
    return n.length() >= 3
        && (n.charAt(0) == '9' || n.charAt(0) == '0' || n.charAt(0) == '+')
        && Character.isDigit(n.charAt(1));
  }

  /** Space-separated prefixes as stored, e.g. {@code "0900 +44909"}. */
  public static List<String> parsePrefixes(String stored) {
    return stored == null || stored.isBlank()
        ? List.of()
        : Arrays.stream(stored.trim().split("\\s+")).toList();
  }

  /** Why the tenant's agents may not dial {@code dialled}, or empty when they may. */
  public Optional<Refusal> check(String dialled) {
    String number = normalise(dialled);
    for (String p : blockedPrefixes) {
      if (number.startsWith(canonical(p))) {
        return refused(
            Rule.BLOCKED_PREFIX, "The number starts with " + p + ", which your tenant blocks.");
      }
    }
    if (!premiumAllowed && isPremium(number)) {
      return refused(Rule.PREMIUM, "Premium-rate numbers are not allowed for your tenant.");
    }
    boolean listed = allowedPrefixes.stream().anyMatch(p -> number.startsWith(canonical(p)));
    if (!allowedPrefixes.isEmpty() && !listed) {
      return refused(
          Rule.NOT_ALLOWED, "The number starts with none of your tenant's allowed prefixes.");
    }
    if (!internationalAllowed && !listed && isInternational(number)) {
      return refused(Rule.INTERNATIONAL, "International numbers are not allowed for your tenant.");
    }
    return Optional.empty();
  }

  /**
   * Whether one more outbound leg may start, given the legs live now (the new one not counted).
   *
   * @param tenantLive the tenant's outbound legs in progress
   * @param agentLive the acting agent's outbound legs in progress
   */
  public Optional<Refusal> checkCaps(int tenantLive, int agentLive) {
    if (tenantLive >= maxPerTenant) {
      return refused(
          Rule.TENANT_CAP,
          "Your tenant already has " + tenantLive + " outside calls, its maximum.");
    }
    if (agentLive >= maxPerAgent) {
      return refused(
          Rule.AGENT_CAP,
          "You already have "
              + agentLive
              + " outside call"
              + (agentLive == 1 ? "" : "s")
              + ", your maximum.");
    }
    return Optional.empty();
  }

  /** The number in canonical form after the outside-line 9 is dropped (see the class comment). */
  public String normalise(String dialled) {
    String n = FORMATTING.matcher(Objects.requireNonNull(dialled, "dialled")).replaceAll("");
    if (n.length() > 1 && n.charAt(0) == '9' && Character.isDigit(n.charAt(1))) {
      n = n.substring(1);
    }
    return canonical(n);
  }

  public boolean isInternational(String canonical) {
    return canonical.startsWith("+")
        && (countryCode == null || !canonical.startsWith("+" + countryCode));
  }

  public boolean isPremium(String canonical) {
    return premiumPrefixes.stream().anyMatch(p -> canonical.startsWith(canonical(p)));
  }

  /**
   * The number for the audit log: the first 6 characters of its canonical form (country and area,
   * enough to see where it went) and the rest as {@code x}, so that the log is no directory of
   * customers' numbers.
   */
  public String mask(String dialled) {
    String n = normalise(dialled);
    return n.length() <= 6 ? n : n.substring(0, 6) + "x".repeat(n.length() - 6);
  }

  /**
   * The prefixes, as an agent dials them, that the dialplan refuses before the trunk (defence in
   * depth, see pbx.provisioning.DialplanRenderer): every way of dialling a blocked or premium
   * prefix, and when international calls are off, every {@code +}, {@code 00} and {@code 900}
   * number (the tenant's own country is let through again by {@link #dialplanAdmissions()}).
   * Allowed prefixes are the server's alone.
   */
  public java.util.SortedSet<String> dialplanRefusals() {
    java.util.SortedSet<String> refused = new java.util.TreeSet<>();
    for (String p : blockedPrefixes) {
      refused.addAll(dialledForms(canonical(p)));
    }
    if (!premiumAllowed) {
      for (String p : premiumPrefixes) {
        refused.addAll(dialledForms(canonical(p)));
      }
    }
    if (!internationalAllowed) {
      refused.addAll(List.of("+", "00", "900"));
    }
    return refused;
  }

  /**
   * The tenant's own country when international calls are off ({@code +1}, {@code 001}, {@code
   * 9001} for country code 1): more specific than the refusal of every {@code +}/{@code 00}/{@code
   * 900} number, so the dialplan sends them to the trunk; a blocked or premium prefix within them
   * is longer still and refused. Empty otherwise.
   */
  public java.util.SortedSet<String> dialplanAdmissions() {
    java.util.SortedSet<String> admitted = new java.util.TreeSet<>();
    if (!internationalAllowed && countryCode != null) {
      for (String form : List.of("+" + countryCode, "00" + countryCode, "900" + countryCode)) {
        java.util.SortedSet<String> refused = dialplanRefusals();
        boolean covered =
            refused.stream().anyMatch(r -> form.startsWith(r) && r.length() >= form.length());
        if (!covered) {
          admitted.add(form);
        }
      }
    }
    return admitted;
  }

  /**
   * The ways of dialling numbers whose canonical form starts with {@code canonical}, as far as they
   * reach the trunk: {@code +D} as {@code +D}, {@code 00D}, {@code 900D} (and {@code 0R}, {@code
   * 90R} when {@code D} is the tenant's country code followed by {@code R}); a prefix without
   * {@code +} as itself and after the outside-line 9.
   */
  private List<String> dialledForms(String canonical) {
    List<String> forms = new java.util.ArrayList<>();
    if (canonical.startsWith("+")) {
      String d = canonical.substring(1);
      forms.addAll(List.of("+" + d, "00" + d, "900" + d));
      if (countryCode != null && d.startsWith(countryCode) && d.length() > countryCode.length()) {
        String national = "0" + d.substring(countryCode.length());
        forms.addAll(List.of(national, "9" + national));
      }
    } else {
      forms.addAll(List.of(canonical, "9" + canonical));
    }
    return forms.stream()
        .filter(f -> f.startsWith("+") || f.startsWith("0") || f.startsWith("9"))
        .toList();
  }

  /**
   * {@code +...} stays, {@code 00} becomes {@code +}, {@code 0} becomes {@code +<country code>} if
   * known.
   */
  private String canonical(String n) {
    if (n.startsWith("00")) {
      return "+" + n.substring(2);
    }
    if (n.startsWith("0") && countryCode != null) {
      return "+" + countryCode + n.substring(1);
    }
    return n;
  }

  private static List<String> prefixes(List<String> prefixes) {
    for (String p : prefixes) {
      if (!PREFIX.matcher(p).matches()) {
        throw new IllegalArgumentException("not a prefix: " + p);
      }
    }
    return List.copyOf(prefixes);
  }

  private static Optional<Refusal> refused(Rule rule, String detail) {
    return Optional.of(new Refusal(rule, detail));
  }
}
