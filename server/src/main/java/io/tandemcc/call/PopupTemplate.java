package io.tandemcc.call;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A CRM popup URL template such as {@code
 * https://crm.example.com/c?phone={callerNumber}&id={CustomerId}}. Placeholders name a call field
 * ({@code callerNumber}, {@code callerName}, {@code callId}, {@code queue}, {@code agentNumber},
 * {@code extension}) or one of the tenant's attached-data keys; each value is URL-encoded (UTF-8,
 * spaces as {@code %20}), an unknown or empty one becomes empty. Only http and https URLs are
 * accepted, so a template can never run script in the agent's browser.
 */
public final class PopupTemplate {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9_]{0,63})}");
  private final String template;

  private PopupTemplate(String template) {
    this.template = template;
  }

  /** Validates a template; throws {@link IllegalArgumentException} with a clear message. */
  public static PopupTemplate parse(String template) {
    if (template == null || template.isBlank() || template.length() > 2048) {
      throw new IllegalArgumentException("a popup URL template is 1 to 2048 characters");
    }
    String probe = PLACEHOLDER.matcher(template).replaceAll("x");
    if (probe.contains("{") || probe.contains("}")) {
      throw new IllegalArgumentException(
          "placeholders are written {name}, with letters, digits and _");
    }
    URI uri;
    try {
      uri = URI.create(probe);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "the popup template is not a valid URL: " + e.getMessage());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
      throw new IllegalArgumentException("a popup URL must be an absolute http or https URL");
    }
    Matcher hostCheck =
        PLACEHOLDER.matcher(
            template.substring(0, template.indexOf("//") + 2 + uri.getRawAuthority().length()));
    if (hostCheck.find()) {
      throw new IllegalArgumentException("placeholders may not be used in the host of a popup URL");
    }
    return new PopupTemplate(template);
  }

  /** The URL for one call; {@code values} maps placeholder names to raw values. */
  public String render(Map<String, String> values) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = values.getOrDefault(m.group(1), "");
      m.appendReplacement(out, Matcher.quoteReplacement(encode(value)));
    }
    m.appendTail(out);
    return out.toString();
  }

  public String template() {
    return template;
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
