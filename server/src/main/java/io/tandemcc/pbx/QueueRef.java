package io.tandemcc.pbx;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A tenant's queue. On the PBX it is named {@code <tenant>-<name>}, for example {@code
 * acme-support} is queue {@code support} of tenant {@code acme}. Names without a tenant prefix do
 * not parse.
 */
public record QueueRef(String tenant, String name) {
  private static final Pattern TENANT = Pattern.compile("[a-z0-9]+");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");

  public QueueRef {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(name, "name");
    if (!TENANT.matcher(tenant).matches()) {
      throw new IllegalArgumentException("tenant must be lower-case letters and digits: " + tenant);
    }
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("invalid queue name: " + name);
    }
  }

  /**
   * Parses a PBX queue name such as {@code acme-support}; empty when it carries no tenant prefix.
   */
  public static Optional<QueueRef> parse(String queueName) {
    if (queueName == null) {
      return Optional.empty();
    }
    int dash = queueName.indexOf('-');
    if (dash <= 0 || dash == queueName.length() - 1) {
      return Optional.empty();
    }
    String tenant = queueName.substring(0, dash);
    String name = queueName.substring(dash + 1);
    if (!TENANT.matcher(tenant).matches() || !NAME.matcher(name).matches()) {
      return Optional.empty();
    }
    return Optional.of(new QueueRef(tenant, name));
  }

  /** The name of the queue on the PBX, e.g. {@code acme-support}. */
  public String pbxName() {
    return tenant + "-" + name;
  }

  @Override
  public String toString() {
    return pbxName();
  }
}
