package io.tandemcc.tenant;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A tenant's rules for outside numbers (toll-fraud control, docs/call-control.md "Outbound rules"), and their
 * evaluation: plain Java, no I/O.
 *
 * <p>A number is first normalised the way the generated dialplan reads it: formatting ({@code space - . ( ) /}) is
 * dropped, then one leading {@code 9} (the outside line, dialplan pattern {@code _9X.}), then it is written in one
 * canonical form so that {@code +49 900 1}, {@code 0049 900 1} and {@code 0900 1} compare alike: {@code +...} stays,
 * {@code 00...} (the international access prefix) becomes {@code +...}, {@code 0...} (the national trunk prefix)
 * becomes {@code +<country code>...} when the tenant has a country code; anything else (a local number, a short
 * code) stays as it is. Prefixes are normalised the same way, without the outside-line step.
 *
 * <ul>
 *   <li><b>International</b>: the canonical number starts with {@code +} and not with the tenant's own
 *       {@code +<country code>} (every {@code +} number when the tenant has none).</li>
 *   <li><b>Premium</b>: it starts with one of the tenant's premium prefixes ({@link #DEFAULT_PREMIUM} by default).</li>
 * </ul>
 *
 * <p>Order: a blocked prefix refuses first (blocked wins over allowed); a premium number needs premium allowed (an
 * allowed prefix does not admit it); when allowed prefixes are set, the number must start with one of them; an
 * international number needs international allowed or an allowed prefix that matches it (allow-listing a country).
 */
public record OutboundRules(String countryCode, List<String> allowedPrefixes, List<String> blockedPrefixes,
    List<String> premiumPrefixes, boolean internationalAllowed, boolean premiumAllowed, int maxPerTenant,
    int maxPerAgent) {

  // before DEFAULTS: its constructor uses them
  private static final Pattern PREFIX = Pattern.compile("\\+?[0-9]{1,16}");
  private static final Pattern COUNTRY = Pattern.compile("[1-9][0-9]{0,2}");
  private static final Pattern FORMATTING = Pattern.compile("[\\s\\-./()]");

  /** The premium prefixes of a new tenant (the database default of {@code premium_prefixes}). */
  public static final List<String> DEFAULT_PREMIUM = List.of("0900", "00900", "+900", "+1900", "+1976", "+449",
      "+4487", "+979", "+870", "+881", "+882", "+883");

  /** A tenant without rules of its own: the column defaults of {@code tenant_outbound_rules}. */
  public static final OutboundRules DEFAULTS = new OutboundRules(null, List.of(), List.of(), DEFAULT_PREMIUM, false,
      false, 10, 1);

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

  /** Which rule refused a number or a call. */
  public enum Rule {
    BLOCKED_PREFIX, PREMIUM, INTERNATIONAL, NOT_ALLOWED, TENANT_CAP, AGENT_CAP
  }

  /** A refusal: the rule, and a sentence for the agent saying which rule (no secret in it). */
  public record Refusal(Rule rule, String detail) {}

  /** Space-separated prefixes as stored, e.g. {@code "0900 +44909"}. */
  public static List<String> parsePrefixes(String stored) {
    return stored == null || stored.isBlank() ? List.of()
        : Arrays.stream(stored.trim().split("\\s+")).toList();
  }

  /** Why the tenant's agents may not dial {@code dialled}, or empty when they may. */
  public Optional<Refusal> check(String dialled) {
    String number = normalise(dialled);
    for (String p : blockedPrefixes) {
      if (number.startsWith(canonical(p))) {
        return refused(Rule.BLOCKED_PREFIX, "The number starts with " + p + ", which your tenant blocks.");
      }
    }
    if (!premiumAllowed && isPremium(number)) {
      return refused(Rule.PREMIUM, "Premium-rate numbers are not allowed for your tenant.");
    }
    boolean listed = allowedPrefixes.stream().anyMatch(p -> number.startsWith(canonical(p)));
    if (!allowedPrefixes.isEmpty() && !listed) {
      return refused(Rule.NOT_ALLOWED, "The number starts with none of your tenant's allowed prefixes.");
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
      return refused(Rule.TENANT_CAP, "Your tenant already has " + tenantLive + " outside calls, its maximum.");
    }
    if (agentLive >= maxPerAgent) {
      return refused(Rule.AGENT_CAP, "You already have " + agentLive + " outside call" + (agentLive == 1 ? "" : "s")
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
    return canonical.startsWith("+") && (countryCode == null || !canonical.startsWith("+" + countryCode));
  }

  public boolean isPremium(String canonical) {
    return premiumPrefixes.stream().anyMatch(p -> canonical.startsWith(canonical(p)));
  }

  /**
   * The number for the audit log: the first 6 characters of its canonical form (country and area, enough to see
   * where it went) and the rest as {@code x}, so that the log is no directory of customers' numbers.
   */
  public String mask(String dialled) {
    String n = normalise(dialled);
    return n.length() <= 6 ? n : n.substring(0, 6) + "x".repeat(n.length() - 6);
  }

  /** {@code +...} stays, {@code 00} becomes {@code +}, {@code 0} becomes {@code +<country code>} if known. */
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
