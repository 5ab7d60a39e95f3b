package io.tandemcc.tenant;

import java.util.Locale;

/**
 * What a user may do in its tenant. {@link #SYSTEM} is the role of the reserved tenant {@link
 * Tenant#SYSTEM_DOMAIN} only (the database enforces it): it manages tenants and reaches no tenant's
 * agents, groups or calls.
 */
public enum Role {
  ADMIN,
  SUPERVISOR,
  AGENT,
  SYSTEM;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Role fromWire(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
