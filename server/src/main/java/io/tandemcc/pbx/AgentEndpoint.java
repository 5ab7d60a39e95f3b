package io.tandemcc.pbx;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A tenant's SIP endpoint (agent or supervisor phone). On the PBX it is named {@code
 * <tenant>-<extension>}, for example {@code acme-1001} is extension {@code 1001} of tenant {@code
 * acme}.
 *
 * <p>Names that do not follow the convention (trunks such as {@code pstn}, endpoints without a
 * tenant prefix, a non-numeric extension) do not parse: {@link #parse(String)} returns empty and
 * callers decide what to do.
 */
public record AgentEndpoint(String tenant, String extension) {
  private static final Pattern TENANT = Pattern.compile("[a-z0-9]+");
  private static final Pattern EXTENSION = Pattern.compile("[0-9]+");

  public AgentEndpoint {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(extension, "extension");
    if (!TENANT.matcher(tenant).matches()) {
      throw new IllegalArgumentException("tenant must be lower-case letters and digits: " + tenant);
    }
    if (!EXTENSION.matcher(extension).matches()) {
      throw new IllegalArgumentException("extension must be digits: " + extension);
    }
  }

  /**
   * Parses a PBX endpoint name such as {@code acme-1001}; empty when it carries no tenant prefix.
   */
  public static Optional<AgentEndpoint> parse(String endpointName) {
    if (endpointName == null) {
      return Optional.empty();
    }
    int dash = endpointName.indexOf('-');
    if (dash <= 0 || dash == endpointName.length() - 1) {
      return Optional.empty();
    }
    String tenant = endpointName.substring(0, dash);
    String extension = endpointName.substring(dash + 1);
    if (!TENANT.matcher(tenant).matches() || !EXTENSION.matcher(extension).matches()) {
      return Optional.empty();
    }
    return Optional.of(new AgentEndpoint(tenant, extension));
  }

  /** The name of the endpoint on the PBX, e.g. {@code acme-1001}. */
  public String endpointName() {
    return nameOf(tenant, extension);
  }

  /**
   * The one spelling of the naming convention, {@code <tenant>-<extension>}, for callers that hold
   * the two parts as text (a roster row, a SIP identity) and only need the name as a key; it checks
   * nothing, {@link #parse} and the constructor do.
   */
  public static String nameOf(String tenant, String extension) {
    return tenant + "-" + extension;
  }

  @Override
  public String toString() {
    return endpointName();
  }
}
