package io.tandemcc.tenant;

import java.util.Locale;

/** What a user may do in its tenant. */
public enum Role {
  ADMIN,
  SUPERVISOR,
  AGENT;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Role fromWire(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
